using System.Buffers;
using EnterpriseDistrib.Torrent.Swarm.Picking;
using EnterpriseDistrib.Torrent.Swarm.WebSeeding;
using EnterpriseDistrib.Torrent.Wire;

namespace EnterpriseDistrib.Torrent.Swarm;

/// <summary>The web-seed half of <see cref="TorrentSwarm"/>: pieces reserved for, and delivered by, BEP 19 seeds.</summary>
internal sealed partial class TorrentSwarm
{
    public bool IsComplete
    {
        get { lock (_gate) { return _have.AllSet; } }
    }

    /// <summary>
    /// Takes a missing piece that no connected peer has (any, when no peer is connected) for a web seed,
    /// with all its blocks marked requested; null when there is none or the buffer cap is reached.
    /// </summary>
    public PartialPiece? ReserveForWebSeed(WebSeedSource source)
    {
        lock (_gate)
        {
            return _picker?.ReserveUnavailable(source, source.IsResting);
        }
    }

    /// <summary>A web seed read a whole piece: it goes through the same hashing as blocks from peers; false when it failed.</summary>
    public bool OnWebSeedPiece(WebSeedSource source, PartialPiece piece, ReadOnlyMemory<byte> data)
    {
        var outcome = BlockOutcome.Accepted;
        for (var offset = 0; offset < data.Length; offset += BlockRequest.StandardLength)
        {
            var block = data.Slice(offset, Math.Min(BlockRequest.StandardLength, data.Length - offset));
            lock (_gate)
            {
                _picker?.Delivered(new BlockRequest(piece.Index, offset, block.Length));
            }

            outcome = piece.TryAddBlock(offset, new ReadOnlySequence<byte>(block), WebSeedSource.ContributorAddress);
        }

        if (outcome != BlockOutcome.Completed)
        {
            // Peers finished some of its blocks in the meantime (endgame) and someone else completed it.
            return true;
        }

        if (piece.HashMatches(Layout.GetPieceHash(piece.Index)))
        {
            OnPieceVerified(piece);
            return true;
        }

        OnHashFailed(piece);
        return false;
    }

    public void ReleaseWebSeedPiece(WebSeedSource source, PartialPiece piece)
    {
        lock (_gate)
        {
            _picker?.Abandon(piece, source);
            RefillAllLocked();
        }
    }
}
