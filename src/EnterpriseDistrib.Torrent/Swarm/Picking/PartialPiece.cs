using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using EnterpriseDistrib.Torrent.Storage;
using EnterpriseDistrib.Torrent.Wire;

namespace EnterpriseDistrib.Torrent.Swarm.Picking;

/// <summary>
/// A piece being assembled in a pooled, aligned buffer: blocks are copied in as they arrive and fed to SHA-1 in
/// order (out-of-order blocks wait in the buffer until the gap before them fills), so the piece is
/// verified the moment its last block lands and nothing is read back from disk.
/// </summary>
internal sealed class PartialPiece : IDisposable
{
    private readonly Lock _dataLock = new();
    private readonly IncrementalHash _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
    private readonly PieceBufferPool? _pool;
    private readonly AlignedBuffer _buffer;
    private readonly bool[] _received;
    private readonly int[] _requests;
    private readonly HashSet<IPAddress> _contributors = [];
    private int _receivedCount;
    private int _hashedBlocks;
    private int _freeCursor;
    private bool _disposed;

    /// <param name="pool">Where the buffer comes from and goes back to; a buffer of its own when null.</param>
    public PartialPiece(int index, int length, PieceBufferPool? pool = null)
    {
        Index = index;
        Length = length;
        BlockCount = (length + BlockRequest.StandardLength - 1) / BlockRequest.StandardLength;
        _pool = pool;
        _buffer = pool?.Rent(length) ?? new AlignedBuffer(length);
        _received = new bool[BlockCount];
        _requests = new int[BlockCount];
    }

    public int Index { get; }

    public int Length { get; }

    public int BlockCount { get; }

    /// <summary>The peer this piece was given to; others join it only when there is nothing else (one peer per piece).</summary>
    public object? Owner { get; set; }

    /// <summary>The assembled bytes; complete once <see cref="TryAddBlock"/> has said so.</summary>
    public ReadOnlyMemory<byte> Data => _buffer.Memory[..Length];

    public IReadOnlyCollection<IPAddress> Contributors
    {
        get { lock (_dataLock) { return [.. _contributors]; } }
    }

    public BlockRequest Block(int block) =>
        new(Index, block * BlockRequest.StandardLength, Math.Min(BlockRequest.StandardLength, Length - (block * BlockRequest.StandardLength)));

    public bool IsReceived(int block) => Volatile.Read(ref _received[block]);

    // Request counts are changed only under the torrent's scheduling lock.
    public int RequestCount(int block) => _requests[block];

    public void AddRequest(int block) => _requests[block]++;

    public void RemoveRequest(int block)
    {
        if (_requests[block] > 0)
        {
            _requests[block]--;
            if (_requests[block] == 0 && block < _freeCursor)
            {
                _freeCursor = block;
            }
        }
    }

    /// <summary>
    /// Adds up to <paramref name="max"/> blocks nobody has requested to <paramref name="output"/>, marking
    /// them requested; a cursor skips the prefix already handed out, so refills stay cheap.
    /// </summary>
    public int TakeFreeBlocks(int max, ICollection<BlockRequest> output)
    {
        var taken = 0;
        var i = _freeCursor;
        for (; i < BlockCount && taken < max; i++)
        {
            if (_requests[i] == 0 && !IsReceived(i))
            {
                _requests[i] = 1;
                output.Add(Block(i));
                taken++;
            }
        }

        // Everything before i is requested or received now, unless a request is later released.
        if (taken < max || i == BlockCount || AllTakenBefore(i))
        {
            _freeCursor = i;
        }

        return taken;
    }

    private bool AllTakenBefore(int end)
    {
        for (var i = _freeCursor; i < end; i++)
        {
            if (_requests[i] == 0 && !IsReceived(i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when every block is received or requested by someone.</summary>
    public bool FullyRequested()
    {
        for (var i = 0; i < BlockCount; i++)
        {
            if (_requests[i] == 0 && !IsReceived(i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Copies one block in and hashes whatever became contiguous. Returns <see cref="BlockOutcome.Completed"/>
    /// exactly once, to the caller that delivered the last block.
    /// </summary>
    public BlockOutcome TryAddBlock(int offset, in ReadOnlySequence<byte> data, IPAddress from)
    {
        if (offset % BlockRequest.StandardLength != 0)
        {
            return BlockOutcome.Unexpected;
        }

        var block = offset / BlockRequest.StandardLength;
        if ((uint)block >= (uint)BlockCount || data.Length != Block(block).Length)
        {
            return BlockOutcome.Unexpected;
        }

        lock (_dataLock)
        {
            if (_disposed || _received[block])
            {
                return BlockOutcome.Duplicate;
            }

            data.CopyTo(_buffer.Span[offset..]);
            Volatile.Write(ref _received[block], true);
            _receivedCount++;
            _contributors.Add(from);
            while (_hashedBlocks < BlockCount && _received[_hashedBlocks])
            {
                var start = _hashedBlocks * BlockRequest.StandardLength;
                _sha1.AppendData(_buffer.Span.Slice(start, Math.Min(BlockRequest.StandardLength, Length - start)));
                _hashedBlocks++;
            }

            return _receivedCount == BlockCount ? BlockOutcome.Completed : BlockOutcome.Accepted;
        }
    }

    /// <summary>Compares the running SHA-1 with the piece's hash from the metainfo (BEP 3 <c>pieces</c>).</summary>
    public bool HashMatches(ReadOnlySpan<byte> expected)
    {
        Span<byte> digest = stackalloc byte[20];
        lock (_dataLock)
        {
            _sha1.GetHashAndReset(digest);
        }

        return digest.SequenceEqual(expected);
    }

    public void Dispose()
    {
        lock (_dataLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _sha1.Dispose();
        _pool?.Return(_buffer);
    }
}

/// <summary>What became of a block handed to <see cref="PartialPiece.TryAddBlock"/>.</summary>
internal enum BlockOutcome
{
    Accepted,
    Completed,
    Duplicate,
    Unexpected,
}
