using EnterpriseDistrib.Cli.ServerApi;
using EnterpriseDistrib.Cli.Terminal;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Cli.Commands.Publish;

/// <summary>The steps of one <c>edist publish</c>: hash, register, upload what the origin lacks, wait for verification.</summary>
internal sealed class Publisher(Uri server, string? token, long chunkBytes)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Refusals re-sent automatically before giving up (a corrupted transfer, not a changing source).</summary>
    private const int MaxResends = 2;

    /// <summary>The version registered by the last <see cref="RunAsync"/> (the lab rolls it out).</summary>
    public Guid? VersionId { get; private set; }

    public async Task<int> RunAsync(string source, string name, string label, object install, CancellationToken cancellationToken)
    {
        TorrentMetainfo metainfo;
        using (var hashing = new ProgressBar("Hashing", ContentSize.Of(source)))
        {
            metainfo = await TorrentCreator.CreateAsync(source, new TorrentCreateOptions { IsPrivate = true }, hashing, cancellationToken);
        }

        var infoHash = metainfo.InfoHash.ToHex();
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(10) };
        var api = new PublishApi(http);
        await ServerSignIn.SignInAsync(http, token, "Publisher", cancellationToken);
        var packageId = await api.EnsurePackageAsync(name, cancellationToken);
        var versionId = await api.EnsureVersionAsync(packageId, label, infoHash, metainfo.TorrentBytes, install, cancellationToken);
        VersionId = versionId;
        Console.Error.WriteLine($"Version {label} of {name}: {versionId} (info-hash {infoHash}, {ByteSize.Format(metainfo.Layout.TotalLength)}, {metainfo.Layout.Files.Length} files).");

        var state = await PublishState.LoadAsync(infoHash, cancellationToken);
        var uploader = new TusUploader(http, chunkBytes);
        for (var attempt = 0; ; attempt++)
        {
            var status = await WaitWhileVerifyingAsync(api, packageId, versionId, cancellationToken);
            if (status.State == "Available")
            {
                state.Delete();
                Console.WriteLine($"Published {name} {label}: Available at the origin (info-hash {infoHash}).");
                return 0;
            }

            if (status.State == "Refused" && attempt > MaxResends)
            {
                return CliErrors.Fail(
                    $"the origin refused the content again: {status.Problem} Make sure nothing changes the files while publishing, then run the same command again.", CliErrors.Failure);
            }

            var ranges = status.State == "Refused"
                ? status.Resend.Select(r => (r.Path, r.Offset, r.Length)).ToList()
                : Missing(metainfo, status);
            if (status.State == "Refused")
            {
                Console.Error.WriteLine($"The origin refused {status.BadPieces.Count} pieces; sending {ranges.Count} ranges again.");
            }

            await UploadAsync(uploader, source, metainfo, versionId, ranges, status, state, cancellationToken);
        }
    }

    private async Task UploadAsync(
        TusUploader uploader, string source, TorrentMetainfo metainfo, Guid versionId, List<(string Path, long Offset, long Length)> ranges,
        ContentStatus status, PublishState state, CancellationToken cancellationToken)
    {
        var work = new List<(string Location, string Local, long Offset, long Length, long Done)>();
        foreach (var (path, offset, length) in ranges)
        {
            var key = PublishState.KeyOf(server.ToString(), path, offset, length);
            var known = state.Uploads.TryGetValue(key, out var remembered) ? remembered
                : status.Uploads.FirstOrDefault(u => u.Path == path && u.FileOffset == offset && u.Length == length && u.Offset < u.Length)?.Location;
            long? done = known is null ? null : await uploader.OffsetAsync(known, cancellationToken);
            if (known is null || done is null)
            {
                known = await uploader.CreateAsync(versionId, path, offset, length, cancellationToken);
                done = 0;
            }

            state.Uploads[key] = known;
            await state.SaveAsync(cancellationToken);
            work.Add((known, LocalPathOf(source, metainfo, path), offset, length, done.Value));
        }

        var total = work.Sum(w => w.Length);
        var already = work.Sum(w => w.Done);
        if (already > 0)
        {
            Console.Error.WriteLine($"Resuming: {ByteSize.Format(already)} of {ByteSize.Format(total)} already at the origin.");
        }

        // The bar counts this run's bytes, so its rate is this run's rate.
        long sent = 0;
        using var progress = new ProgressBar("Uploading", total - already);
        foreach (var (location, local, offset, length, done) in work)
        {
            await uploader.SendAsync(location, local, offset, length, done, n => progress.Report(Interlocked.Add(ref sent, n)), cancellationToken);
        }
    }

    private static async Task<ContentStatus> WaitWhileVerifyingAsync(PublishApi api, Guid packageId, Guid versionId, CancellationToken cancellationToken)
    {
        var status = await api.GetContentAsync(packageId, versionId, cancellationToken);
        if (status.State == "Verifying")
        {
            Console.Error.WriteLine("Every byte arrived; the origin is verifying every piece...");
        }

        while (status.State == "Verifying")
        {
            await Task.Delay(PollInterval, cancellationToken);
            status = await api.GetContentAsync(packageId, versionId, cancellationToken);
        }

        return status;
    }

    /// <summary>Whole files no completed upload carries yet (an incomplete one is continued).</summary>
    private static List<(string Path, long Offset, long Length)> Missing(TorrentMetainfo metainfo, ContentStatus status) =>
        metainfo.Layout.Files
            .Where(f => f.Length > 0)
            .Select(f => (Path: string.Join('/', f.Path), Offset: 0L, f.Length))
            .Where(r => !status.Uploads.Any(u => u.Path == r.Path && u.FileOffset == 0 && u.Length == r.Length && u.Offset == u.Length))
            .ToList();

    /// <summary>The local file of a torrent path: the source itself for one file, else under the source folder (the torrent's name is the folder).</summary>
    private static string LocalPathOf(string source, TorrentMetainfo metainfo, string torrentPath)
    {
        if (!metainfo.IsMultiFile)
        {
            return source;
        }

        var parts = torrentPath.Split('/');
        return Path.Combine([Path.GetFullPath(source), .. parts[1..]]);
    }
}
