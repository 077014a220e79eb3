using EnterpriseDistrib.Torrent.Storage;

namespace EnterpriseDistrib.Torrent.Swarm.Picking;

/// <summary>
/// One torrent's piece buffers: aligned and pinned (so a verified piece is written around the page cache in one
/// call, see <see cref="DirectIo"/>) and reused, since every piece of a torrent but the last has the same size.
/// </summary>
internal sealed class PieceBufferPool(int pieceLength, int maxPooled)
{
    private readonly Lock _gate = new();
    private readonly Stack<AlignedBuffer> _free = new();

    public AlignedBuffer Rent(int length)
    {
        if (length > pieceLength)
        {
            return new AlignedBuffer(length);
        }

        lock (_gate)
        {
            if (_free.TryPop(out var buffer))
            {
                return buffer;
            }
        }

        return new AlignedBuffer(pieceLength);
    }

    public void Return(AlignedBuffer buffer)
    {
        lock (_gate)
        {
            if (buffer.Capacity == pieceLength && _free.Count < maxPooled)
            {
                _free.Push(buffer);
            }
        }
    }

    /// <summary>Lets the pooled buffers go (the torrent stopped downloading).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _free.Clear();
        }
    }
}
