using System.Buffers;
using EnterpriseDistrib.Torrent.Swarm.Connections;
using EnterpriseDistrib.Torrent.Swarm.Picking;
using EnterpriseDistrib.Torrent.Wire;
using EnterpriseDistrib.Torrent.Wire.Messages;

namespace EnterpriseDistrib.Torrent.Swarm;

/// <summary>The receiving half of <see cref="TorrentSwarm"/>: blocks in, pieces verified, written or thrown away.</summary>
internal sealed partial class TorrentSwarm
{
    /// <summary>
    /// A block arrived from <paramref name="peer"/>: copied into its piece and hashed there (outside the
    /// lock); the piece goes to the writer once it is complete and matches its SHA-1.
    /// </summary>
    public void OnBlock(PeerConnection peer, BlockRequest block, in ReadOnlySequence<byte> data)
    {
        PartialPiece? piece;
        bool requested;
        lock (_gate)
        {
            requested = peer.Outstanding.Remove(block);
            piece = _picker?.Active(block.PieceIndex);
            if (requested)
            {
                peer.LastBlockTicks = Environment.TickCount64;
            }
        }

        var outcome = piece?.TryAddBlock(block.Offset, data, peer.Address) ?? BlockOutcome.Duplicate;
        switch (outcome)
        {
            case BlockOutcome.Unexpected:
                throw new ProtocolViolationException($"The peer sent piece {block.PieceIndex} bytes {block.Offset}+{block.Length}, which is no block we asked for.");
            case BlockOutcome.Duplicate:
                Counters.AddWasted(data.Length);
                break;
            case BlockOutcome.Completed:
                if (piece!.HashMatches(Layout.GetPieceHash(piece.Index)))
                {
                    OnPieceVerified(piece);
                }
                else
                {
                    OnHashFailed(piece);
                }

                break;
        }

        lock (_gate)
        {
            // Only now that the block is marked received does it stop counting as in flight, so no
            // other peer is asked for it in between.
            if (requested)
            {
                _picker?.Delivered(block);
            }

            if ((_picker?.IsEndgame ?? false) && outcome is BlockOutcome.Accepted or BlockOutcome.Completed)
            {
                CancelDuplicatesLocked(peer, block);
            }

            // Refill in batches: a pick per quarter pipeline rather than per block keeps the lock cheap.
            if (peer.Outstanding.Count <= peer.PipelineLimit * 3 / 4)
            {
                RefillLocked(peer);
            }
        }
    }

    /// <summary>
    /// A piece matched its hash: peers that lack it hear of it now, not after the disk write, and are
    /// served from a pinned in-memory copy meanwhile; what is recorded as ours waits for the write.
    /// </summary>
    public void OnPieceVerified(PartialPiece piece)
    {
        var index = piece.Index;
        bool wanted;
        lock (_gate)
        {
            wanted = _peers.Exists(p => !p.Has[index]);
        }

        // Cached before the write is queued (the writer frees the buffer) and before any have goes out.
        if (wanted)
        {
            ReadCache.InsertPinned(index, piece.Data.Span);
        }

        _writer.Enqueue(piece);
        lock (_gate)
        {
            _servable.Set(index);
            foreach (var peer in _peers)
            {
                if (!peer.Has[index])
                {
                    peer.Sender.Enqueue(new HaveMessage(index));
                }
            }
        }
    }

    /// <summary>The writer put a verified piece on disk: it is ours now (progress, fast-resume).</summary>
    public void OnPieceWritten(PartialPiece piece)
    {
        var index = piece.Index;
        bool complete;
        ReadCache.Unpin(index);
        lock (_gate)
        {
            if (_picker is null)
            {
                // Stopped while the write was in flight; the piece stays unverified and is fetched again.
                piece.Dispose();
                return;
            }

            _picker.Completed(piece);
            complete = _have.AllSet;
            if (!complete)
            {
                RefillAllLocked();
            }
        }

        PieceCompleted?.Invoke(index);
        if (complete)
        {
            DownloadCompleted?.Invoke();
        }
    }

    private void OnHashFailed(PartialPiece piece)
    {
        Counters.AddWasted(piece.Length);
        List<PeerConnection> banned = [];
        lock (_gate)
        {
            var contributors = piece.Contributors;
            _picker?.Failed(piece);
            foreach (var address in contributors.Where(a => !a.Equals(WebSeeding.WebSeedSource.ContributorAddress)))
            {
                // A strike for every peer that sent part of the bad piece; the second one bans it.
                if (Bans.Strike(address))
                {
                    banned.AddRange(_peers.Where(p => p.Address.Equals(address)));
                }
            }

            RefillAllLocked();
        }

        foreach (var peer in banned)
        {
            peer.Close($"banned: took part in {Settings.HashFailuresBeforeBan} pieces that failed their hash");
        }
    }

    private void CancelDuplicatesLocked(PeerConnection receiver, BlockRequest block)
    {
        // Endgame: the block was asked of several peers; cancel it at the others (BEP 3 "cancel").
        foreach (var other in _peers)
        {
            if (other != receiver && other.Outstanding.Remove(block))
            {
                _picker?.Release(block);
                other.Sender.Enqueue(new CancelMessage(block));
            }
        }
    }
}
