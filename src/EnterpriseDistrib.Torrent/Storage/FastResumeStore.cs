using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Torrent.Storage;

/// <summary>
/// Keeps one fast-resume file per torrent in a folder, named by info-hash. Saves are atomic (temp
/// file, fsync, rename over), so a crash leaves either the previous file or the new one, never half.
/// </summary>
public sealed class FastResumeStore
{
    private const string Extension = ".resume";

    public FastResumeStore(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = Path.GetFullPath(folder);
    }

    public string Folder { get; }

    public string PathFor(InfoHash infoHash) => Path.Combine(Folder, infoHash.ToHex() + Extension);

    public async Task SaveAsync(FastResumeData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var bytes = FastResumeCodec.Encode(data);
        Directory.CreateDirectory(Folder);
        var path = PathFor(data.InfoHash);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await RandomAccess.WriteAsync(handle, bytes, 0, cancellationToken).ConfigureAwait(false);
                RandomAccess.FlushToDisk(handle);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Loads the resume data of a torrent with this many pieces and files. Missing, truncated, corrupt
    /// or foreign files give no data and the reason, never an exception: the caller re-checks instead.
    /// </summary>
    public async Task<FastResumeLoadResult> LoadAsync(InfoHash infoHash, int pieceCount, int fileCount, CancellationToken cancellationToken = default)
    {
        var path = PathFor(infoHash);
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var length = RandomAccess.GetLength(handle);
            var expected = FastResumeCodec.EncodedLength(pieceCount, fileCount);

            // Checked before reading, so a huge foreign file costs nothing.
            if (length != expected)
            {
                return FastResumeLoadResult.Rejected($"{path}: {length} bytes, expected {expected} (truncated or for another torrent)");
            }

            var bytes = new byte[length];
            var read = 0;
            while (read < bytes.Length)
            {
                var n = await RandomAccess.ReadAsync(handle, bytes.AsMemory(read), read, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    return FastResumeLoadResult.Rejected($"{path}: shrank while being read");
                }

                read += n;
            }

            return FastResumeLoadResult.Loaded(FastResumeCodec.Decode(bytes, infoHash, pieceCount, fileCount));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return FastResumeLoadResult.Rejected($"{path}: no fast-resume file");
        }
        catch (InvalidDataException e)
        {
            return FastResumeLoadResult.Rejected($"{path}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FastResumeLoadResult.Rejected($"{path}: unreadable ({e.Message})");
        }
    }

    public void Delete(InfoHash infoHash) => File.Delete(PathFor(infoHash));
}
