using Microsoft.Win32.SafeHandles;

namespace EnterpriseDistrib.Torrent.Hashing;

/// <summary>
/// Reads ranges of a torrent's concatenated content from its files, for one thread: it keeps the file
/// it last read open, since consecutive ranges mostly come from the same file.
/// </summary>
internal sealed class ContentReader(ContentMap map, bool tolerateMissingData) : IDisposable
{
    // A file found missing is remembered as a null handle, so a missing 10 GB file costs one open.
    private int _openFile = -1;
    private SafeFileHandle? _openHandle;

    /// <summary>
    /// Fills <paramref name="destination"/> with content from <paramref name="position"/>. Where data is
    /// missing (file absent, short or unreadable) it adds the range to <paramref name="unreadable"/> when
    /// tolerated, and throws otherwise.
    /// </summary>
    public void Read(long position, Span<byte> destination, List<(int Offset, int Length)> unreadable)
    {
        unreadable.Clear();
        foreach (var segment in map.GetSegments(position, destination.Length))
        {
            var handle = Open(segment.FileIndex);
            var done = handle is null ? 0 : ReadSegment(handle, segment, destination.Slice(segment.RangeOffset, segment.Length));
            if (done < segment.Length)
            {
                if (!tolerateMissingData)
                {
                    var file = map.Files[segment.FileIndex];
                    throw new IOException(
                        $"{file.FullPath} ended at byte {segment.FileOffset + done}, short of its {file.Length} bytes; it changed while being hashed.");
                }

                unreadable.Add((segment.RangeOffset + done, segment.Length - done));
            }
        }
    }

    public void Dispose() => _openHandle?.Dispose();

    private int ReadSegment(SafeFileHandle handle, FileSegment segment, Span<byte> destination)
    {
        var done = 0;
        try
        {
            while (done < segment.Length)
            {
                var read = RandomAccess.Read(handle, destination[done..], segment.FileOffset + done);
                if (read == 0)
                {
                    break;
                }

                done += read;
            }
        }
        catch (IOException) when (tolerateMissingData)
        {
            // An unreadable region is data we do not have; checking reports its pieces as missing.
        }

        return done;
    }

    private SafeFileHandle? Open(int fileIndex)
    {
        if (fileIndex == _openFile)
        {
            return _openHandle;
        }

        _openHandle?.Dispose();
        _openHandle = null;
        _openFile = fileIndex;
        try
        {
            // SequentialScan asks the kernel for a larger read-ahead window.
            _openHandle = File.OpenHandle(map.Files[fileIndex].FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
        }
        catch (Exception e) when (tolerateMissingData && e is IOException or UnauthorizedAccessException)
        {
            // Missing, a folder in its place, or not readable: its pieces are simply not there.
        }

        return _openHandle;
    }
}
