using System.Threading.Channels;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Server.Origin;

/// <summary>
/// Checks every piece of a fully uploaded version against its torrent, one version at a time in the
/// background (50 GB take minutes; no request waits for it), then makes it Available and seeds it, or
/// refuses it naming the pieces and ranges to send again.
/// </summary>
public sealed partial class ContentVerifier(
    IOriginStorage storage, PackageStore packages, PackageContentStore contents, ContentRefusals refusals, OriginSeeder seeder, ILogger<ContentVerifier> logger)
    : BackgroundService
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a version already moved to Verifying.</summary>
    public void Enqueue(Guid versionId) => _queue.Writer.TryWrite(versionId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A silo that stopped mid-verification left its versions Verifying: take them up again.
        try
        {
            foreach (var stale in await contents.ListInStateAsync(PackageContentState.Verifying, stoppingToken))
            {
                Enqueue(stale.Id);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStaleScanFailed(e);
        }

        try
        {
            await foreach (var versionId in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await VerifyAsync(versionId, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Left Verifying: the next start-up (of any silo) verifies it again.
                    LogVerificationFailed(e, versionId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task VerifyAsync(Guid versionId, CancellationToken cancellationToken)
    {
        if (await packages.GetVersionAsync(versionId, cancellationToken) is not { ContentState: PackageContentState.Verifying } version)
        {
            return;
        }

        var metainfo = TorrentMetainfo.Parse(version.TorrentBytes);
        var verified = await storage.VerifyAsync(metainfo, progress: null, cancellationToken);
        if (verified.AllSet)
        {
            await storage.RememberVerifiedAsync(metainfo, verified, cancellationToken);
            await refusals.ForgetAsync(versionId);

            // Seeding first: once the catalog says Available, the origin and its web seed already serve it.
            await seeder.SeedAsync(version, cancellationToken);
            if (await contents.MarkAvailableAsync(versionId, cancellationToken))
            {
                LogAvailable(versionId, metainfo.InfoHash.ToHex());
            }

            return;
        }

        var refusal = ContentRefusal.From(metainfo.Layout, verified);
        await refusals.SaveAsync(versionId, refusal, cancellationToken);
        await contents.MarkRefusedAsync(versionId, refusal.Describe(), cancellationToken);
        LogRefused(versionId, refusal.BadPieces.Count, refusal.PieceCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Version {VersionId} ({InfoHash}) verified: Available")]
    private partial void LogAvailable(Guid versionId, string infoHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Version {VersionId} refused: {Bad} of {Count} pieces did not match their hash")]
    private partial void LogRefused(Guid versionId, int bad, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Verifying version {VersionId} failed; it stays Verifying until a silo restarts")]
    private partial void LogVerificationFailed(Exception exception, Guid versionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for versions left Verifying")]
    private partial void LogStaleScanFailed(Exception exception);
}
