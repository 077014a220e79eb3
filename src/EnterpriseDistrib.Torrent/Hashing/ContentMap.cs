using System.Collections.Immutable;

namespace EnterpriseDistrib.Torrent.Hashing;

/// <summary>
/// Where the bytes of a torrent's concatenated content live: which files, at which offsets. Pieces and
/// blocks span file boundaries (BEP 3), so every read, write and hash goes through this map.
/// </summary>
public sealed class ContentMap
{
    // Start offset of each file in the concatenation, plus the total length at the end, so file i is
    // [_starts[i], _starts[i + 1]).
    private readonly long[] _starts;

    public ContentMap(IReadOnlyList<SourceFile> files, int pieceLength)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pieceLength);
        _starts = new long[files.Count + 1];
        var builder = ImmutableArray.CreateBuilder<SourceFile>(files.Count);
        long offset = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i] ?? throw new ArgumentException($"File {i} is null.", nameof(files));
            ArgumentException.ThrowIfNullOrEmpty(file.FullPath, nameof(files));
            if (file.Length < 0)
            {
                throw new ArgumentException($"File {i} ({file.FullPath}) has a negative length {file.Length}.", nameof(files));
            }

            _starts[i] = offset;
            offset = checked(offset + file.Length);
            builder.Add(file);
        }

        _starts[^1] = offset;
        Files = builder.MoveToImmutable();
        PieceLength = pieceLength;
        TotalLength = offset;
        var pieceCount = (offset + pieceLength - 1) / pieceLength;
        if (pieceCount > int.MaxValue)
        {
            throw new ArgumentException($"{offset} bytes in pieces of {pieceLength} make more than {int.MaxValue} pieces.", nameof(pieceLength));
        }

        PieceCount = (int)pieceCount;
    }

    public ImmutableArray<SourceFile> Files { get; }

    public int PieceLength { get; }

    public long TotalLength { get; }

    public int PieceCount { get; }

    public long GetFileOffset(int fileIndex) => _starts[fileIndex];

    public long GetPieceOffset(int piece) => (long)piece * PieceLength;

    public int GetPieceSize(int piece)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(piece);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(piece, PieceCount);
        return (int)Math.Min(PieceLength, TotalLength - GetPieceOffset(piece));
    }

    /// <summary>
    /// The pieces holding any byte of a file, as [first, first + count); zero-length files touch no piece.
    /// </summary>
    public (int First, int Count) GetPiecesOfFile(int fileIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fileIndex, Files.Length);
        var start = _starts[fileIndex];
        var end = _starts[fileIndex + 1];
        if (end == start)
        {
            return (0, 0);
        }

        var first = (int)(start / PieceLength);
        var last = (int)((end - 1) / PieceLength);
        return (first, last - first + 1);
    }

    /// <summary>The file parts covering <paramref name="length"/> bytes from <paramref name="offset"/> in the content.</summary>
    public SegmentEnumerable GetSegments(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (offset + length > TotalLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"Bytes [{offset}, {offset + length}) run past the end of {TotalLength} bytes of content.");
        }

        return new SegmentEnumerable(this, offset, length);
    }

    /// <summary>The file holding byte <paramref name="offset"/>, skipping zero-length files.</summary>
    private int FindFile(long offset)
    {
        // The last file whose start is <= offset; zero-length files share their start with the next
        // file, and taking the last one skips them.
        var index = Array.BinarySearch(_starts, 0, Files.Length, offset);
        if (index < 0)
        {
            return ~index - 1;
        }

        while (index + 1 < Files.Length && _starts[index + 1] == offset)
        {
            index++;
        }

        return index;
    }

    /// <summary>Allocation-free enumeration of the file parts of a range, for <c>foreach</c>.</summary>
    public readonly struct SegmentEnumerable(ContentMap map, long offset, int length)
    {
        public SegmentEnumerator GetEnumerator() => new(map, offset, length);
    }

    public struct SegmentEnumerator
    {
        private readonly ContentMap _map;
        private readonly long _start;
        private readonly long _end;
        private long _position;
        private int _file;

        internal SegmentEnumerator(ContentMap map, long offset, int length)
        {
            _map = map;
            _start = offset;
            _end = offset + length;
            _position = offset;
            _file = length == 0 ? -1 : map.FindFile(offset);
            Current = default;
        }

        public FileSegment Current { get; private set; }

        public bool MoveNext()
        {
            // Skip files that end at or before the position (zero-length ones included).
            while (_position < _end && _map._starts[_file + 1] <= _position)
            {
                _file++;
            }

            if (_position >= _end)
            {
                return false;
            }

            var fileStart = _map._starts[_file];
            var take = (int)(Math.Min(_end, _map._starts[_file + 1]) - _position);
            Current = new FileSegment(_file, _position - fileStart, (int)(_position - _start), take);
            _position += take;
            return true;
        }
    }
}
