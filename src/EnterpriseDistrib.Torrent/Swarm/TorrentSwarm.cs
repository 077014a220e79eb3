using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Pieces;
using EnterpriseDistrib.Torrent.Storage;
using EnterpriseDistrib.Torrent.Swarm.Connections;
using EnterpriseDistrib.Torrent.Swarm.Picking;
using EnterpriseDistrib.Torrent.Swarm.Statistics;
using EnterpriseDistrib.Torrent.Swarm.Uploads;
using EnterpriseDistrib.Torrent.Throttling;
using EnterpriseDistrib.Torrent.Wire;
using EnterpriseDistrib.Torrent.Wire.Messages;

namespace EnterpriseDistrib.Torrent.Swarm;

/// <summary>
/// The connected peers of one torrent and everything scheduled between them: interest, choking,
/// request pipelines, block arrival, piece completion and hash failures. One lock guards the
/// scheduling state; block bytes are copied and hashed outside it.
/// </summary>
internal sealed partial class TorrentSwarm
{
    private readonly Lock _gate = new();
    private readonly List<PeerConnection> _peers = [];
    private readonly List<BlockRequest> _scratch = [];
    private readonly Bitfield _have;

    // Verified pieces we can serve: _have (on disk) plus those verified and still queued for writing.
    private readonly Bitfield _servable;
    private readonly PieceWriter _writer;
    private readonly PeerId _ourPeerId;
    private PiecePicker? _picker;
    private int _unchoked;

    public TorrentSwarm(
        ContentLayout layout,
        EngineSettings settings,
        PieceStorage storage,
        Bitfield have,
        IByteRateLimiter downloadLimiter,
        IByteRateLimiter uploadLimiter,
        BanList bans,
        PeerId ourPeerId)
    {
        _ourPeerId = ourPeerId;
        Layout = layout;
        Settings = settings;
        Storage = storage;
        _have = have;
        DownloadLimiter = downloadLimiter;
        UploadLimiter = uploadLimiter;
        Bans = bans;
        FrameLimits = new FrameLimits(layout.PieceCount);
        // Verified pieces waiting for the disk: bounded apart from the assembly budget, so a slow disk
        // holds readers back before memory grows.
        _writer = new PieceWriter(this, storage, Math.Min(settings.MaxBufferedBytesPerTorrent / 2, 48L * 1024 * 1024));
        ReadCache = new PieceReadCache(storage, (int)Math.Max(2, settings.UploadCacheBytesPerTorrent / layout.PieceLength), _writer.WhenWrittenAsync);
        _servable = have.Clone();
    }

    public PieceWriter Writer => _writer;

    /// <summary>Pieces read for uploading, shared by every peer that asks for their blocks.</summary>
    public PieceReadCache ReadCache { get; }

    public ContentLayout Layout { get; }

    public EngineSettings Settings { get; }

    public PieceStorage Storage { get; }

    public FrameLimits FrameLimits { get; }

    public IByteRateLimiter DownloadLimiter { get; }

    public IByteRateLimiter UploadLimiter { get; }

    public BanList Bans { get; }

    public TransferCounters Counters { get; } = new();

    /// <summary>Raised (outside the lock) when the last piece is verified and written.</summary>
    public event Action? DownloadCompleted;

    /// <summary>Raised when a piece is verified and on disk.</summary>
    public event Action<int>? PieceCompleted;

    public int PeerCount
    {
        get { lock (_gate) { return _peers.Count; } }
    }

    public IReadOnlyList<PeerConnection> Peers
    {
        get { lock (_gate) { return [.. _peers]; } }
    }

    /// <summary>A copy of the verified pieces (the fast-resume checkpoint takes it).</summary>
    public Bitfield SnapshotHave()
    {
        lock (_gate)
        {
            return _have.Clone();
        }
    }

    public int VerifiedCount
    {
        get { lock (_gate) { return _have.TrueCount; } }
    }

    /// <summary>Whether we can serve the piece: verified, on disk or about to be.</summary>
    public bool HasPiece(int piece)
    {
        lock (_gate)
        {
            return _servable[piece];
        }
    }

    /// <summary>Starts requesting: a picker over the missing pieces. Called by the Downloading mode.</summary>
    public void StartDownloading()
    {
        lock (_gate)
        {
            _picker ??= new PiecePicker(Layout, _have, Settings.MaxBufferedBytesPerTorrent, Settings.RandomFirstPieces);
            foreach (var peer in _peers)
            {
                _picker.AddAvailability(peer.Has);
                UpdateInterestLocked(peer);
            }
        }
    }

    /// <summary>Stops requesting (complete or stopping): nobody is interesting any more.</summary>
    public void StopDownloading()
    {
        lock (_gate)
        {
            if (_picker is null)
            {
                return;
            }

            foreach (var peer in _peers)
            {
                ReleaseAllLocked(peer);
                if (peer.AmInterested)
                {
                    peer.AmInterested = false;
                    peer.Sender.Enqueue(default(NotInterestedMessage));
                }
            }

            _picker.Clear();
            _picker = null;
        }
    }

    public ValueTask WaitForBufferSpaceAsync(CancellationToken cancellationToken) => _writer.WaitForSpaceAsync(cancellationToken);

    /// <summary>Adds a handshaken peer and sends what it needs to know first; false when it is a duplicate or we are full.</summary>
    public bool TryAttach(PeerConnection peer)
    {
        PeerConnection? replaced = null;
        lock (_gate)
        {
            if (Bans.IsBanned(peer.Address))
            {
                return false;
            }

            if (_peers.Find(p => p.PeerId == peer.PeerId) is { } existing)
            {
                // Two peers that dial each other at once end up with two connections. Both sides keep
                // the one dialled by the smaller peer id, so they agree on which to close.
                var weDialFirst = _ourPeerId.Bytes.SequenceCompareTo(peer.PeerId.Bytes) < 0;
                if (peer.IsOutgoing != weDialFirst || existing.IsOutgoing == weDialFirst)
                {
                    return false;
                }

                replaced = existing;
            }
            else if (_peers.Count >= Settings.MaxPeersPerTorrent)
            {
                return false;
            }

            _peers.Add(peer);

            // BEP 6: with the Fast extension, have all / have none replace a full or empty bitfield.
            if (peer.SupportsFast && _servable.AllSet)
            {
                peer.Sender.Enqueue(default(HaveAllMessage));
            }
            else if (peer.SupportsFast && _servable.NoneSet)
            {
                peer.Sender.Enqueue(default(HaveNoneMessage));
            }
            else if (!_servable.NoneSet)
            {
                peer.Sender.Enqueue(new BitfieldMessage(_servable.Bytes.ToArray()));
            }
        }

        replaced?.Close("a crossing connection to the same peer was kept instead");
        return true;
    }

    /// <summary>The peer's connection ended: its requests go back, its pieces lose an owner.</summary>
    public void Detach(PeerConnection peer)
    {
        lock (_gate)
        {
            if (!_peers.Remove(peer))
            {
                return;
            }

            ReleaseAllLocked(peer);
            _picker?.RemoveAvailability(peer.Has);
            _picker?.Disown(peer);
            if (!peer.AmChoking)
            {
                _unchoked--;
                UnchokeWaitingLocked();
            }

            RefillAllLocked();
        }
    }

    public void OnPeerBitfield(PeerConnection peer, Bitfield has)
    {
        lock (_gate)
        {
            _picker?.RemoveAvailability(peer.Has);
            peer.ReplaceHas(has);
            _picker?.AddAvailability(has);
            UpdateInterestLocked(peer);
            RefillLocked(peer);
        }
    }

    public void OnPeerHave(PeerConnection peer, int piece)
    {
        lock (_gate)
        {
            if (peer.Has.Set(piece) && _picker is not null)
            {
                _picker.AddAvailability(piece);
                if (!_have[piece])
                {
                    UpdateInterestLocked(peer);
                    RefillLocked(peer);
                }
            }
        }
    }

    public void OnChoked(PeerConnection peer)
    {
        lock (_gate)
        {
            // BEP 3: a choke discards every pending request. BEP 6 changes that: the peer rejects each
            // one explicitly, so with the Fast extension we keep them until the rejects arrive.
            if (!peer.SupportsFast)
            {
                ReleaseAllLocked(peer);
            }
        }
    }

    public void OnUnchoked(PeerConnection peer)
    {
        lock (_gate)
        {
            RefillLocked(peer);
        }
    }

    public void OnRejected(PeerConnection peer, BlockRequest block)
    {
        lock (_gate)
        {
            if (peer.Outstanding.Remove(block))
            {
                _picker?.Release(block);
            }
        }
    }

    public void OnInterestChanged(PeerConnection peer)
    {
        lock (_gate)
        {
            if (peer.PeerInterested && peer.AmChoking && _unchoked < Settings.UploadSlots)
            {
                UnchokeLocked(peer);
            }
            else if (!peer.PeerInterested && !peer.AmChoking)
            {
                // Free the slot for someone who wants it; the peer says it needs nothing from us.
                peer.AmChoking = true;
                _unchoked--;
                peer.Sender.Enqueue(default(ChokeMessage));
                peer.Sender.DropUploads();
                UnchokeWaitingLocked();
            }
        }
    }

    /// <summary>Re-checks every peer's pipeline; the engine's maintenance tick calls this.</summary>
    public void RefillAll()
    {
        lock (_gate)
        {
            RefillAllLocked();
        }
    }

    /// <summary>Sends a keep-alive, or closes a connection that went quiet or stalled our requests.</summary>
    public void CheckTimeouts(long nowTicks)
    {
        List<(PeerConnection Peer, string Reason)> toClose = [];
        lock (_gate)
        {
            foreach (var peer in _peers)
            {
                if (nowTicks - peer.LastReceivedTicks > (long)Settings.IdleTimeout.TotalMilliseconds)
                {
                    toClose.Add((peer, $"silent for {Settings.IdleTimeout}"));
                }
                else if (peer.Outstanding.Count > 0 && nowTicks - peer.LastBlockTicks > (long)Settings.RequestTimeout.TotalMilliseconds)
                {
                    // A stalled peer (vanished without a FIN, or overloaded): its blocks go to others.
                    ReleaseAllLocked(peer);
                    toClose.Add((peer, $"no block for {Settings.RequestTimeout} with requests outstanding"));
                }
                else if (nowTicks - peer.Sender.LastSentTicks > (long)Settings.KeepAliveInterval.TotalMilliseconds)
                {
                    peer.Sender.Enqueue(default(KeepAliveMessage));
                }
            }
        }

        foreach (var (peer, reason) in toClose)
        {
            peer.Close(reason);
        }
    }

    public void CloseAll(string reason)
    {
        foreach (var peer in Peers)
        {
            peer.Close(reason);
        }
    }

    private void UnchokeLocked(PeerConnection peer)
    {
        peer.AmChoking = false;
        _unchoked++;
        peer.Sender.Enqueue(default(UnchokeMessage));
    }

    private void UnchokeWaitingLocked()
    {
        foreach (var peer in _peers)
        {
            if (_unchoked >= Settings.UploadSlots)
            {
                return;
            }

            if (peer.PeerInterested && peer.AmChoking)
            {
                UnchokeLocked(peer);
            }
        }
    }

    private void UpdateInterestLocked(PeerConnection peer)
    {
        if (_picker is not null && !peer.AmInterested && _picker.IsInteresting(peer.Has))
        {
            peer.AmInterested = true;
            peer.Sender.Enqueue(default(InterestedMessage));
        }
    }

    private void RefillAllLocked()
    {
        foreach (var peer in _peers)
        {
            RefillLocked(peer);
        }
    }

    private void RefillLocked(PeerConnection peer)
    {
        if (_picker is null || peer.PeerChoking || !peer.AmInterested)
        {
            return;
        }

        var want = peer.PipelineLimit - peer.Outstanding.Count;
        if (want <= 0)
        {
            return;
        }

        _scratch.Clear();
        _picker.Pick(peer, peer.Address, peer.Has, peer.Outstanding, want, _scratch);
        if (_scratch.Count > 0)
        {
            if (peer.Outstanding.Count == 0)
            {
                peer.LastBlockTicks = Environment.TickCount64;
            }

            foreach (var request in _scratch)
            {
                peer.Outstanding.Add(request);
            }

            peer.Sender.EnqueueRequests(_scratch, 0);
        }
        else if (peer.Outstanding.Count == 0 && !_picker.IsInteresting(peer.Has))
        {
            peer.AmInterested = false;
            peer.Sender.Enqueue(default(NotInterestedMessage));
        }
    }

    private void ReleaseAllLocked(PeerConnection peer)
    {
        foreach (var request in peer.Outstanding)
        {
            _picker?.Release(request);
        }

        peer.Outstanding.Clear();
    }
}
