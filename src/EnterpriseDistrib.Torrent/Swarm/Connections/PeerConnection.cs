using System.Buffers;
using System.Net;
using System.Threading.Channels;
using EnterpriseDistrib.Torrent.Pieces;
using EnterpriseDistrib.Torrent.Swarm.Statistics;
using EnterpriseDistrib.Torrent.Wire;
using EnterpriseDistrib.Torrent.Wire.Messages;
using ProtocolViolationException = EnterpriseDistrib.Torrent.Wire.ProtocolViolationException;

namespace EnterpriseDistrib.Torrent.Swarm.Connections;

/// <summary>
/// One handshaken peer of one torrent: reads and checks its messages, keeps its choke/interest state and
/// what it has, and owns the only writer to its socket (<see cref="PeerSender"/>). Scheduling state
/// (<see cref="Outstanding"/>, <see cref="Has"/>) is touched only under the torrent's lock.
/// </summary>
internal sealed class PeerConnection : IFrameHandler, IAsyncDisposable
{
    private readonly TorrentSwarm _session;
    private readonly PeerSocket _socket;
    private readonly CancellationTokenSource _closing = new();
    private bool _sawPieceInformation;
    private long _unpaidBytes;
    private long _lastReceivedTicks = Environment.TickCount64;

    public PeerConnection(TorrentSwarm session, PeerSocket socket, Handshake handshake, TransferCounters.Counter counter, bool isOutgoing)
    {
        IsOutgoing = isOutgoing;
        _session = session;
        _socket = socket;
        PeerId = handshake.PeerId;
        SupportsFast = handshake.SupportsFastExtension;
        SupportsExtensions = handshake.SupportsExtensionProtocol;
        Counter = counter;
        Has = new Bitfield(session.Layout.PieceCount);
        Sender = new PeerSender(this, socket, session);
    }

    public IPEndPoint RemoteEndPoint => _socket.RemoteEndPoint;

    public IPAddress Address => _socket.RemoteEndPoint.Address;

    public PeerId PeerId { get; }

    /// <summary>We dialled this peer (rather than it us): decides which of two crossing connections survives.</summary>
    public bool IsOutgoing { get; }

    public bool SupportsFast { get; }

    public bool SupportsExtensions { get; }

    public TransferCounters.Counter Counter { get; }

    public PeerSender Sender { get; }

    /// <summary>The pieces the peer has told us it has.</summary>
    public Bitfield Has { get; private set; }

    /// <summary>Requests we sent and are waiting for, with when they were sent (under the torrent lock).</summary>
    public HashSet<BlockRequest> Outstanding { get; } = [];

    /// <summary>When the oldest unanswered request was sent or the last block arrived, whichever is later (Environment.TickCount64).</summary>
    public long LastBlockTicks { get; set; } = Environment.TickCount64;

    public long LastReceivedTicks => Interlocked.Read(ref _lastReceivedTicks);

    public bool AmChoking { get; set; } = true;

    public bool AmInterested { get; set; }

    public bool PeerChoking { get; private set; } = true;

    public bool PeerInterested { get; private set; }

    /// <summary>The peer's <c>reqq</c> (BEP 10) caps our pipeline to what it will queue.</summary>
    public int PipelineLimit { get; private set; }

    public string? ClientName { get; private set; }

    public CancellationToken Closing => _closing.Token;

    /// <summary>Runs the connection until it ends; never throws for anything the peer did.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        PipelineLimit = _session.Settings.PipelineDepth;
        var sending = Sender.RunAsync(linked.Token);
        try
        {
            await _socket.ReadFramesAsync(_session.FrameLimits, this, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ProtocolViolationException or IOException or OperationCanceledException or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
        {
            CloseReason ??= e is ProtocolViolationException ? e.Message : e.GetType().Name;
        }
        finally
        {
            await _closing.CancelAsync().ConfigureAwait(false);

            // A send blocked on a peer that stopped reading would never end otherwise.
            _socket.Abort();
            try
            {
                await sending.ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The socket is going away; the reason is already recorded or is ours.
            }

            _session.Detach(this);
        }
    }

    /// <summary>Why the connection ended (a violation's message, an I/O error's type), for logs and tests.</summary>
    public string? CloseReason { get; private set; }

    public void Close(string reason)
    {
        CloseReason ??= reason;
        _closing.Cancel();
    }

    public async ValueTask BeforeReadAsync(CancellationToken cancellationToken)
    {
        // Pay the download limiter for what the last read brought, then wait while the torrent's piece
        // buffers are full: the socket is not read, so TCP pushes back on the sender.
        var unpaid = Interlocked.Exchange(ref _unpaidBytes, 0);
        if (unpaid > 0)
        {
            await _session.DownloadLimiter.WaitAsync((int)Math.Min(unpaid, int.MaxValue), cancellationToken).ConfigureAwait(false);
        }

        await _session.WaitForBufferSpaceAsync(cancellationToken).ConfigureAwait(false);
    }

    public void OnFrame(in WireFrame frame)
    {
        Interlocked.Exchange(ref _lastReceivedTicks, Environment.TickCount64);
        if (frame.IsKeepAlive)
        {
            return;
        }

        // BEP 3/6: bitfield, have all and have none come only before any other piece information. We
        // don't insist on "first message": aria2 sends its BEP 10 handshake before its have none.
        var first = !_sawPieceInformation;
        if (frame.Id is MessageId.Bitfield or MessageId.HaveAll or MessageId.HaveNone or MessageId.Have)
        {
            _sawPieceInformation = true;
        }

        switch (frame.Id)
        {
            case MessageId.Piece:
                OnPiece(frame);
                break;
            case MessageId.Request:
                OnRequest(frame.Decode<RequestMessage>().Block);
                break;
            case MessageId.Have:
                OnHave(frame.Decode<HaveMessage>().PieceIndex);
                break;
            case MessageId.Choke:
                PeerChoking = true;
                _session.OnChoked(this);
                break;
            case MessageId.Unchoke:
                PeerChoking = false;
                _session.OnUnchoked(this);
                break;
            case MessageId.Interested:
                PeerInterested = true;
                _session.OnInterestChanged(this);
                break;
            case MessageId.NotInterested:
                PeerInterested = false;
                _session.OnInterestChanged(this);
                break;
            case MessageId.Bitfield:
                // BEP 3 allows a bitfield only first, but aria2 1.36 sends its bitfield again mid-connection;
                // a later one simply replaces what we knew (its size and spare bits are still checked).
                SetHas(frame.Decode<BitfieldMessage>().ToBitfield(_session.Layout.PieceCount));
                break;
            case MessageId.HaveAll:
                RequireFast("have all");
                RequireFirst(first, "have all");
                SetHas(Bitfield.AllTrue(_session.Layout.PieceCount));
                break;
            case MessageId.HaveNone:
                RequireFast("have none");
                RequireFirst(first, "have none");
                break;
            case MessageId.Cancel:
                Sender.Cancel(frame.Decode<CancelMessage>().Block);
                break;
            case MessageId.RejectRequest:
                // BEP 6 §"Reject Request": only meaningful with the Fast extension.
                RequireFast("reject request");
                _session.OnRejected(this, frame.Decode<RejectRequestMessage>().Block);
                break;
            case MessageId.SuggestPiece or MessageId.AllowedFast:
                // BEP 6: both are advisory. Every peer of ours unchokes everyone, so they change nothing.
                RequireFast(frame.Id.ToString());
                break;
            case MessageId.Extended:
                OnExtended(frame);
                break;
            default:
                // BEP 3: messages we don't know are ignored (their size was bounded by FrameLimits).
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing.Cancel();
        // _closing is not disposed: Close may still be called by the swarm after the connection ended,
        // and a token source without a timer holds nothing that needs releasing.
        await _socket.DisposeAsync().ConfigureAwait(false);
    }

    private void OnPiece(in WireFrame frame)
    {
        Span<byte> headerBytes = stackalloc byte[PieceHeader.Size];
        frame.Frame.Slice(0, PieceHeader.Size).CopyTo(headerBytes);
        PieceHeader.TryDecode(headerBytes, out var header, out _);
        var block = frame.Frame.Slice(PieceHeader.Size);
        Interlocked.Add(ref _unpaidBytes, block.Length);
        _session.Counters.AddReceived(Counter, block.Length);
        _session.OnBlock(this, header.Block, block);
    }

    private void OnRequest(BlockRequest request)
    {
        var layout = _session.Layout;

        // BEP 3: a request names a block inside a piece, 16 KiB at most; we close on anything else.
        if ((uint)request.PieceIndex >= (uint)layout.PieceCount || request.Length <= 0 || request.Length > BlockRequest.StandardLength
            || request.Offset < 0 || request.Offset > layout.GetPieceSize(request.PieceIndex) - request.Length)
        {
            throw new ProtocolViolationException($"The request for piece {request.PieceIndex} bytes {request.Offset}+{request.Length} is outside the torrent or larger than {BlockRequest.StandardLength}.");
        }

        if (AmChoking || !_session.HasPiece(request.PieceIndex))
        {
            // BEP 6 §"Reject Request": a choked or unservable request is rejected; without the Fast
            // extension it is silently dropped (BEP 3: requests while choked are discarded).
            if (SupportsFast)
            {
                Sender.Enqueue(new RejectRequestMessage(request));
            }

            return;
        }

        if (!Sender.TryQueueUpload(request, _session.Settings.MaxQueuedRequestsPerPeer))
        {
            throw new ProtocolViolationException($"The peer has more than {_session.Settings.MaxQueuedRequestsPerPeer} requests queued (our reqq): a flood.");
        }
    }

    private void OnHave(int piece)
    {
        if ((uint)piece >= (uint)_session.Layout.PieceCount)
        {
            throw new ProtocolViolationException($"The peer has piece {piece} of a torrent with {_session.Layout.PieceCount}.");
        }

        _session.OnPeerHave(this, piece);
    }

    private void SetHas(Bitfield has) => _session.OnPeerBitfield(this, has);

    /// <summary>Replaces what the peer has; called by the swarm under its lock, so availability stays consistent.</summary>
    internal void ReplaceHas(Bitfield has) => Has = has;

    private void OnExtended(in WireFrame frame)
    {
        var message = frame.Decode<ExtendedMessage>();
        if (message.ExtendedId != ExtendedMessage.HandshakeId)
        {
            // We advertise no extension messages yet, so none may arrive; ignore as BEP 10 allows.
            return;
        }

        var handshake = ExtensionHandshake.Decode(message.Payload);
        ClientName = handshake.ClientName;
        if (handshake.RequestQueueLength is { } reqq and > 0)
        {
            PipelineLimit = Math.Min(_session.Settings.PipelineDepth, reqq);
        }
    }

    private void RequireFast(string what)
    {
        if (!SupportsFast)
        {
            throw new ProtocolViolationException($"The peer sent {what} without the Fast extension bit in its handshake (BEP 6).");
        }
    }

    private static void RequireFirst(bool first, string what)
    {
        if (!first)
        {
            throw new ProtocolViolationException($"The peer sent {what} after other piece information (BEP 3/6 allow it only first).");
        }
    }

    internal static Channel<bool> CreateSignal() =>
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
}
