using System.Net;
using System.Net.Sockets;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Wire;
using ProtocolViolationException = EnterpriseDistrib.Torrent.Wire.ProtocolViolationException;

namespace EnterpriseDistrib.Torrent.Tests.Wire;

public sealed class PeerSocketTests
{
    private static readonly InfoHash Hash = InfoHash.ParseHex("00112233445566778899aabbccddeeff00112233");

    [Fact]
    public async Task An_outgoing_connection_comes_from_the_bound_local_address()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 0));
        listener.Listen();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var accept = listener.AcceptAsync(timeout.Token);
        await using var client = await PeerSocket.ConnectAsync((IPEndPoint)listener.LocalEndPoint!, IPAddress.Parse("127.0.0.23"), timeout.Token);
        using var accepted = await accept;

        Assert.Equal(IPAddress.Parse("127.0.0.23"), ((IPEndPoint)accepted.RemoteEndPoint!).Address);
    }

    [Fact]
    public async Task Handshakes_cross_a_real_connection()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (left, right) = await ConnectPairAsync(timeout.Token);
        await using (left)
        await using (right)
        {
            var sent = new Handshake(Handshake.OurReserved, Hash, PeerId.CreateRandom());
            await left.SendHandshakeAsync(sent, timeout.Token);

            var received = await right.ReceiveHandshakeAsync(timeout.Token);

            Assert.Equal(sent, received);
        }
    }

    [Fact]
    public async Task Frames_sent_with_the_handshake_are_read_without_waiting_for_more_bytes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (left, right) = await ConnectPairAsync(timeout.Token);
        await using (left)
        await using (right)
        {
            var bytes = new byte[Handshake.Length + 5];
            new Handshake(Handshake.OurReserved, Hash, PeerId.CreateRandom()).Encode(bytes);
            bytes[Handshake.Length + 3] = 1;
            bytes[Handshake.Length + 4] = (byte)MessageId.HaveAll;
            await left.Output.WriteAsync(bytes, timeout.Token);

            await right.ReceiveHandshakeAsync(timeout.Token);
            var handler = new RecordingHandler { StopAfter = 1 };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => right.ReadFramesAsync(new FrameLimits(8), handler, handler.Stop.Token));

            Assert.Equal([MessageId.HaveAll], handler.Ids);
        }
    }

    [Fact]
    public async Task A_hostile_length_ends_the_read_loop_with_a_violation_without_buffering_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (left, right) = await ConnectPairAsync(timeout.Token);
        await using (left)
        await using (right)
        {
            await left.Output.WriteAsync(new byte[] { 0, 0, 0, 1, 1, 0x80, 0, 0, 0, 7 }, timeout.Token);

            var handler = new RecordingHandler();
            var error = await Assert.ThrowsAsync<ProtocolViolationException>(() => right.ReadFramesAsync(new FrameLimits(8), handler, timeout.Token));

            Assert.Equal([MessageId.Unchoke], handler.Ids);
            Assert.Contains("2147483648", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_peer_closing_inside_a_frame_is_a_violation()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (left, right) = await ConnectPairAsync(timeout.Token);
        await using (right)
        {
            await left.Output.WriteAsync(new byte[] { 0, 0, 0, 5, 4, 0 }, timeout.Token);
            await left.DisposeAsync();

            await Assert.ThrowsAsync<ProtocolViolationException>(() => right.ReadFramesAsync(new FrameLimits(8), new RecordingHandler(), timeout.Token));
        }
    }

    private static async Task<(PeerSocket Left, PeerSocket Right)> ConnectPairAsync(CancellationToken cancellationToken)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var accept = listener.AcceptAsync(cancellationToken);
        var left = await PeerSocket.ConnectAsync((IPEndPoint)listener.LocalEndPoint!, IPAddress.Loopback, cancellationToken);
        var right = PeerSocket.FromAccepted(await accept);
        return (left, right);
    }

    private sealed class RecordingHandler : IFrameHandler
    {
        public List<MessageId> Ids { get; } = [];

        public int StopAfter { get; init; } = int.MaxValue;

        public CancellationTokenSource Stop { get; } = new(TimeSpan.FromSeconds(10));

        public void OnFrame(in WireFrame frame)
        {
            Ids.Add(frame.Id);
            if (Ids.Count >= StopAfter)
            {
                Stop.Cancel();
            }
        }

        public ValueTask BeforeReadAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
