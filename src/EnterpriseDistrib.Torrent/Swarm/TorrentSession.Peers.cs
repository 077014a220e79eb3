using System.Net;
using EnterpriseDistrib.Torrent.Swarm.Connections;
using EnterpriseDistrib.Torrent.Wire;
using EnterpriseDistrib.Torrent.Wire.Messages;
using ProtocolViolationException = EnterpriseDistrib.Torrent.Wire.ProtocolViolationException;

namespace EnterpriseDistrib.Torrent.Swarm;

/// <summary>The connections half of <see cref="TorrentSession"/>: dialling, accepting and running peers.</summary>
public sealed partial class TorrentSession
{
    /// <summary>An incoming connection whose handshake named this torrent: answer it and add the peer.</summary>
    internal async Task AcceptAsync(PeerSocket socket, Handshake handshake)
    {
        var swarm = _swarm;
        if (swarm is null || !Volatile.Read(ref _mode).ServesPeers || swarm.Bans.IsBanned(socket.RemoteEndPoint.Address))
        {
            await socket.DisposeAsync().ConfigureAwait(false);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        timeout.CancelAfter(_engine.Settings.HandshakeTimeout);
        await socket.SendHandshakeAsync(OurHandshake, timeout.Token).ConfigureAwait(false);
        RunPeer(swarm, socket, handshake, dialled: null);
    }

    private Handshake OurHandshake => new(Handshake.OurReserved, Metainfo.InfoHash, _engine.PeerId);

    private async Task DialAsync(TorrentSwarm swarm, IPEndPoint endPoint)
    {
        PeerSocket? socket = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
            timeout.CancelAfter(_engine.Settings.ConnectTimeout + _engine.Settings.HandshakeTimeout);
            socket = await PeerSocket.ConnectAsync(endPoint, _engine.OutgoingAddress, timeout.Token).ConfigureAwait(false);
            await socket.SendHandshakeAsync(OurHandshake, timeout.Token).ConfigureAwait(false);
            var handshake = await socket.ReceiveHandshakeAsync(timeout.Token).ConfigureAwait(false);
            if (handshake.InfoHash != Metainfo.InfoHash || handshake.PeerId == _engine.PeerId)
            {
                // Another torrent, or ourselves through the tracker's list.
                throw new ProtocolViolationException("The peer answered for another torrent or is this engine.");
            }

            RunPeer(swarm, socket, handshake, endPoint);
            socket = null;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or System.Net.Sockets.SocketException or ProtocolViolationException or ObjectDisposedException)
        {
            _directory.Release(endPoint, Environment.TickCount64);
        }
        finally
        {
            if (socket is not null)
            {
                await socket.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private void RunPeer(TorrentSwarm swarm, PeerSocket socket, Handshake handshake, IPEndPoint? dialled)
    {
        var peer = new PeerConnection(swarm, socket, handshake, swarm.Counters.ForPeer(socket.RemoteEndPoint.Address), isOutgoing: dialled is not null);
        if (!swarm.TryAttach(peer))
        {
            _ = peer.DisposeAsync().AsTask();
            if (dialled is not null)
            {
                _directory.Release(dialled, Environment.TickCount64);
            }

            return;
        }

        if (handshake.SupportsExtensionProtocol)
        {
            // BEP 10: the extension handshake goes right after the BitTorrent handshake.
            peer.Sender.Enqueue(new ExtensionHandshake
            {
                ClientName = _engine.Settings.ClientName,
                RequestQueueLength = _engine.Settings.MaxQueuedRequestsPerPeer,
                ListenPort = _engine.ListenEndPoint?.Port,
            }.ToMessage());
        }

        var task = Task.Run(async () =>
        {
            try
            {
                await peer.RunAsync(_lifetime.Token).ConfigureAwait(false);
            }
            finally
            {
                await peer.DisposeAsync().ConfigureAwait(false);
                if (dialled is not null)
                {
                    _directory.Release(dialled, Environment.TickCount64);
                }
            }
        });
        lock (_tasksGate)
        {
            _peerTasks.Add(task);
        }

        _ = task.ContinueWith(
            t =>
            {
                lock (_tasksGate)
                {
                    _peerTasks.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void DialCandidates(TorrentSwarm swarm)
    {
        var room = _engine.Settings.MaxPeersPerTorrent - swarm.PeerCount;
        foreach (var endPoint in _directory.TakeForDialling(Math.Max(0, room), Environment.TickCount64))
        {
            _ = DialAsync(swarm, endPoint);
        }
    }

    /// <summary>Dials peers as soon as a tracker names them, rather than at the next maintenance tick.</summary>
    private async Task PumpTrackerPeersAsync(System.Threading.Channels.ChannelReader<IPEndPoint> peers, TorrentSwarm swarm, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var endPoint in peers.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!endPoint.Equals(_engine.ListenEndPoint))
                {
                    _directory.Add(endPoint);
                    DialCandidates(swarm);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
