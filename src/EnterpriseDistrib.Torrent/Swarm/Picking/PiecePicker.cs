using System.Net;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Pieces;
using EnterpriseDistrib.Torrent.Wire;

namespace EnterpriseDistrib.Torrent.Swarm.Picking;

/// <summary>
/// Decides which blocks to request from a peer: the pieces it already owns first, then a new piece
/// (random for the first few, then rarest-first with a random tie-break), then free blocks of other
/// pieces, and in endgame duplicates of blocks still in flight. Not thread-safe: the torrent's
/// scheduling lock guards every call.
/// </summary>
internal sealed class PiecePicker
{
    /// <summary>In endgame a block is asked of at most this many peers at once.</summary>
    private const int MaxEndgameRequestsPerBlock = 3;

    private readonly ContentLayout _layout;
    private readonly Bitfield _have;
    private readonly int[] _availability;
    private readonly Dictionary<int, PartialPiece> _active = [];
    private readonly Dictionary<int, HashSet<IPAddress>> _failedBy = [];
    private readonly Random _random;
    private readonly long _maxBufferedBytes;
    private readonly int _randomFirstPieces;
    private readonly PieceBufferPool _buffers;
    private long _bufferedBytes;

    public PiecePicker(ContentLayout layout, Bitfield have, long maxBufferedBytes, int randomFirstPieces, Random? random = null)
    {
        _layout = layout;
        _have = have;
        _availability = new int[layout.PieceCount];
        _maxBufferedBytes = maxBufferedBytes;
        _randomFirstPieces = randomFirstPieces;
        _random = random ?? new Random();

        // Enough pooled buffers for the whole assembly budget: past it no piece is started anyway.
        _buffers = new PieceBufferPool(layout.PieceLength, (int)Math.Min(int.MaxValue, Math.Max(1, maxBufferedBytes / Math.Max(1, layout.PieceLength))));
    }

    public Bitfield Have => _have;

    public int ActiveCount => _active.Count;

    public long BufferedBytes => _bufferedBytes;

    /// <summary>Every missing piece is being assembled: blocks in flight may now be asked of several peers.</summary>
    public bool IsEndgame => _have.TrueCount + _active.Count == _layout.PieceCount && _active.Count > 0;

    public int Availability(int piece) => _availability[piece];

    public void AddAvailability(Bitfield peerHas)
    {
        foreach (var piece in peerHas.SetIndexes())
        {
            _availability[piece]++;
        }
    }

    public void RemoveAvailability(Bitfield peerHas)
    {
        foreach (var piece in peerHas.SetIndexes())
        {
            _availability[piece]--;
        }
    }

    public void AddAvailability(int piece) => _availability[piece]++;

    public PartialPiece? Active(int piece) => _active.GetValueOrDefault(piece);

    /// <summary>True when <paramref name="peerHas"/> holds a piece we still need.</summary>
    public bool IsInteresting(Bitfield peerHas)
    {
        for (var i = 0; i < _layout.PieceCount; i++)
        {
            if (peerHas[i] && !_have[i])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Appends up to <paramref name="want"/> blocks for <paramref name="owner"/> to request.</summary>
    public void Pick(object owner, IPAddress address, Bitfield peerHas, IReadOnlySet<BlockRequest> outstanding, int want, List<BlockRequest> output)
    {
        var start = output.Count;
        int Added() => output.Count - start;

        foreach (var piece in _active.Values)
        {
            if (Added() >= want)
            {
                return;
            }

            if (piece.Owner == owner)
            {
                piece.TakeFreeBlocks(want - Added(), output);
            }
        }

        while (Added() < want && _bufferedBytes < _maxBufferedBytes)
        {
            var index = ChooseNewPiece(peerHas, address);
            if (index < 0)
            {
                break;
            }

            var piece = new PartialPiece(index, _layout.GetPieceSize(index), _buffers) { Owner = owner };
            _active.Add(index, piece);
            _bufferedBytes += piece.Length;
            piece.TakeFreeBlocks(want - Added(), output);
        }

        // Nothing new to start (all taken, or the buffer cap reached): help with others' pieces.
        foreach (var piece in _active.Values)
        {
            if (Added() >= want)
            {
                return;
            }

            if (piece.Owner != owner && peerHas[piece.Index])
            {
                piece.TakeFreeBlocks(want - Added(), output);
            }
        }

        if (Added() < want && IsEndgame)
        {
            AddEndgameDuplicates(peerHas, outstanding, want - Added(), output, start);
        }
    }

    /// <summary>
    /// Reserves for <paramref name="owner"/> (a web seed) a missing piece no connected peer has, every
    /// block marked requested; null when there is none or the buffer cap is reached.
    /// </summary>
    public PartialPiece? ReserveUnavailable(object owner, Func<int, bool> skip)
    {
        if (_bufferedBytes >= _maxBufferedBytes)
        {
            return null;
        }

        for (var i = 0; i < _layout.PieceCount; i++)
        {
            if (!_have[i] && _availability[i] == 0 && !_active.ContainsKey(i) && !skip(i))
            {
                var piece = new PartialPiece(i, _layout.GetPieceSize(i), _buffers) { Owner = owner };
                _active.Add(i, piece);
                _bufferedBytes += piece.Length;
                piece.TakeFreeBlocks(piece.BlockCount, new List<BlockRequest>(piece.BlockCount));
                return piece;
            }
        }

        return null;
    }

    /// <summary>A source gave up on a piece it reserved (a web seed failed): drop it unless peers are filling it.</summary>
    public void Abandon(PartialPiece piece, object owner)
    {
        if (_active.TryGetValue(piece.Index, out var active) && active == piece && piece.Owner == owner)
        {
            Remove(piece);
        }
    }

    /// <summary>Gives a block back to be requested again (choke, reject, timeout, disconnect).</summary>
    public void Release(BlockRequest block)
    {
        if (_active.TryGetValue(block.PieceIndex, out var piece))
        {
            piece.RemoveRequest(block.Offset / BlockRequest.StandardLength);
        }
    }

    /// <summary>A block arrived: it no longer counts as in flight.</summary>
    public void Delivered(BlockRequest block) => Release(block);

    /// <summary>The piece is verified and on disk: it is ours and its buffer is free.</summary>
    public void Completed(PartialPiece piece)
    {
        _have.Set(piece.Index);
        Remove(piece);
        _failedBy.Remove(piece.Index);
    }

    /// <summary>The piece failed its hash: drop it, and prefer other peers than these contributors next time.</summary>
    public void Failed(PartialPiece piece)
    {
        Remove(piece);
        if (!_failedBy.TryGetValue(piece.Index, out var peers))
        {
            _failedBy[piece.Index] = peers = [];
        }

        peers.UnionWith(piece.Contributors);
    }

    /// <summary>A piece's owner left: anyone may take its free blocks now.</summary>
    public void Disown(object owner)
    {
        foreach (var piece in _active.Values)
        {
            if (piece.Owner == owner)
            {
                piece.Owner = null;
            }
        }
    }

    /// <summary>Drops every piece in progress (the torrent stops); their buffers go back to the pool.</summary>
    public void Clear()
    {
        foreach (var piece in _active.Values.ToList())
        {
            Remove(piece);
        }

        _buffers.Clear();
    }

    private void Remove(PartialPiece piece)
    {
        if (_active.Remove(piece.Index))
        {
            _bufferedBytes -= piece.Length;
            piece.Dispose();
        }
    }

    private int ChooseNewPiece(Bitfield peerHas, IPAddress address)
    {
        var random = _have.TrueCount < _randomFirstPieces;
        var best = -1;
        var bestAvailability = int.MaxValue;
        var ties = 0;
        var avoided = -1;
        for (var i = 0; i < _layout.PieceCount; i++)
        {
            if (_have[i] || !peerHas[i] || _active.ContainsKey(i))
            {
                continue;
            }

            if (_failedBy.TryGetValue(i, out var failed) && failed.Contains(address))
            {
                avoided = i;
                continue;
            }

            var availability = random ? 0 : _availability[i];
            if (availability < bestAvailability)
            {
                best = i;
                bestAvailability = availability;
                ties = 1;
            }
            else if (availability == bestAvailability && _random.Next(++ties) == 0)
            {
                // Reservoir sampling: each of the equally rare pieces is kept with equal chance.
                best = i;
            }
        }

        // A piece only this peer has is still worth another try from it.
        return best >= 0 ? best : avoided;
    }

    private void AddEndgameDuplicates(Bitfield peerHas, IReadOnlySet<BlockRequest> outstanding, int want, List<BlockRequest> output, int start)
    {
        // Blocks this same pick just handed out are not in the peer's outstanding set yet.
        var pickedNow = new HashSet<BlockRequest>(output.Skip(start));
        foreach (var piece in _active.Values)
        {
            if (!peerHas[piece.Index])
            {
                continue;
            }

            for (var b = 0; b < piece.BlockCount && want > 0; b++)
            {
                var block = piece.Block(b);
                if (!piece.IsReceived(b) && piece.RequestCount(b) < MaxEndgameRequestsPerBlock && !outstanding.Contains(block) && !pickedNow.Contains(block))
                {
                    piece.AddRequest(b);
                    output.Add(block);
                    want--;
                }
            }
        }
    }
}
