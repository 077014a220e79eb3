using System.Collections.Immutable;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Pieces;
using EnterpriseDistrib.Torrent.Storage;
using Microsoft.Win32.SafeHandles;

namespace EnterpriseDistrib.Server.Origin;

/// <summary>
/// Origin content in a local (or shared network) folder: <c>content/{infohash}/{torrent path}</c>, with
/// fast-resume files in <c>resume/</c> so the seeder trusts what verification already hashed.
/// </summary>
public sealed class LocalOriginStorage : IOriginStorage
{
    private readonly string _contentRoot;
    private readonly string _resumeFolder;
    private readonly PieceChecker _checker = new();

    public LocalOriginStorage(OriginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _contentRoot = Path.Combine(options.StoragePath, "content");
        _resumeFolder = Path.Combine(options.StoragePath, "resume");
    }

    public ValueTask<IOriginFileWriter> OpenWriterAsync(InfoHash infoHash, FileEntry file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var path = PathOf(infoHash, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            // Full length up front (sparse): the verifier and the seeder read every file at its torrent size.
            if (RandomAccess.GetLength(handle) != file.Length)
            {
                RandomAccess.SetLength(handle, file.Length);
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return ValueTask.FromResult<IOriginFileWriter>(new FileWriter(handle));
    }

    public Stream? OpenRead(InfoHash infoHash, FileEntry file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var path = PathOf(infoHash, file);
        try
        {
            return new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite, BufferSize = 0, Options = FileOptions.Asynchronous });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<Bitfield> VerifyAsync(TorrentMetainfo metainfo, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metainfo);
        return _checker.CheckAsync(metainfo.Layout, FolderOf(metainfo.InfoHash), progress, cancellationToken);
    }

    public Task RememberVerifiedAsync(TorrentMetainfo metainfo, Bitfield verified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metainfo);
        var folder = FolderOf(metainfo.InfoHash);
        var stamps = metainfo.Layout.Files.Select(f => FileStamp.Of(Path.Combine(folder, f.RelativePath))).ToImmutableArray();
        return new FastResumeStore(_resumeFolder).SaveAsync(new FastResumeData(metainfo.InfoHash, verified, stamps), cancellationToken);
    }

    public SeedLocation LocateForSeeding(InfoHash infoHash) => new(FolderOf(infoHash), _resumeFolder);

    private string FolderOf(InfoHash infoHash) => Path.Combine(_contentRoot, infoHash.ToHex());

    private string PathOf(InfoHash infoHash, FileEntry file)
    {
        // The metainfo reader already refuses ".." and rooted components; this is the second line.
        var folder = FolderOf(infoHash);
        var full = Path.GetFullPath(Path.Combine(folder, file.RelativePath));
        if (!full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The torrent path '{file.RelativePath}' leads outside the origin's content folder.");
        }

        return full;
    }

    private sealed class FileWriter(SafeFileHandle handle) : IOriginFileWriter
    {
        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, long fileOffset, CancellationToken cancellationToken) =>
            RandomAccess.WriteAsync(handle, data, fileOffset, cancellationToken);

        public ValueTask DisposeAsync()
        {
            handle.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
