using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Pieces;

namespace EnterpriseDistrib.Server.Origin;

/// <summary>
/// Where the origin keeps published content, shared by every silo. A local folder today
/// (<see cref="LocalOriginStorage"/>); blob storage can follow behind the same calls, keeping a local
/// copy for the seeder.
/// </summary>
public interface IOriginStorage
{
    /// <summary>Opens one file of a version's content for writes at any offset, creating it at its full length when missing.</summary>
    ValueTask<IOriginFileWriter> OpenWriterAsync(InfoHash infoHash, FileEntry file, CancellationToken cancellationToken);

    /// <summary>A seekable read-only stream of one file (for the web seed), or null when the file is not there.</summary>
    Stream? OpenRead(InfoHash infoHash, FileEntry file);

    /// <summary>Hashes every piece of the stored content against the torrent; the result has the good pieces set.</summary>
    Task<Bitfield> VerifyAsync(TorrentMetainfo metainfo, IProgress<long>? progress, CancellationToken cancellationToken);

    /// <summary>Remembers that every piece verified, so the seeder starts seeding without hashing again.</summary>
    Task RememberVerifiedAsync(TorrentMetainfo metainfo, Bitfield verified, CancellationToken cancellationToken);

    /// <summary>The local folders the seeder's engine seeds this content from.</summary>
    SeedLocation LocateForSeeding(InfoHash infoHash);
}

/// <summary>A local content folder (files at their torrent paths under it) and the folder of its fast-resume file.</summary>
public sealed record SeedLocation(string ContentFolder, string ResumeFolder);

/// <summary>Writes into one stored file at given offsets; disposed when the upload request ends.</summary>
public interface IOriginFileWriter : IAsyncDisposable
{
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, long fileOffset, CancellationToken cancellationToken);
}
