using System.Buffers;
using System.IO.Pipelines;
using EnterpriseDistrib.Torrent.Swarm;
using EnterpriseDistrib.Torrent.Wire;
using EnterpriseDistrib.Torrent.Wire.Messages;

namespace EnterpriseDistrib.Torrent.Tests.Swarm.Connections;

/// <summary>A raw socket plays a hostile peer against a real seeding engine; each abuse closes that connection only.</summary>
public sealed class HostilePeerTests
{
    [Fact]
    public async Task A_flood_of_requests_past_our_queue_limit_closes_the_connection()
    {
        await using var lab = await SwarmLab.CreateAsync(1024 * 1024, 64 * 1024, seed: 7);
        var settings = lab.Settings(new EngineSettings { MaxQueuedRequestsPerPeer = 16 });
        var (seed, seedSession) = await lab.StartAsync(lab.Folder("seed", lab.Content), settings, new TorrentOptions { UploadRateLimit = 64 * 1024 });
        await using var peer = await HandshakeAsync(seed, lab);
        await SendAsync(peer.Output, default(InterestedMessage));
        await ReadUntilAsync(peer.Input, MessageId.Unchoke);

        var flood = new ArrayBufferWriter<byte>();
        for (var i = 0; i < 2000; i++)
        {
            var request = new RequestMessage(new BlockRequest(i % 16, 0, BlockRequest.StandardLength));
            flood.Advance(request.Encode(flood.GetSpan(RequestMessage.Size)));
        }

        await peer.Output.WriteAsync(flood.WrittenMemory);

        await ReadUntilClosedAsync(peer.Input);
        await SwarmEngineTests.WaitUntilAsync(() => seedSession.Progress.Peers == 0);
    }

    [Fact]
    public async Task A_bitfield_with_spare_bits_set_closes_the_connection()
    {
        await using var lab = await SwarmLab.CreateAsync(256 * 1024, 64 * 1024, seed: 11);
        var (seed, _) = await lab.StartAsync(lab.Folder("seed", lab.Content));
        await using var peer = await HandshakeAsync(seed, lab);

        // Four pieces: the low four bits are spare and must be zero (BEP 3).
        await SendAsync(peer.Output, new BitfieldMessage(new byte[] { 0xF1 }));

        await ReadUntilClosedAsync(peer.Input);
    }

    [Fact]
    public async Task A_request_outside_the_piece_closes_the_connection()
    {
        await using var lab = await SwarmLab.CreateAsync(256 * 1024, 64 * 1024, seed: 8);
        var (seed, _) = await lab.StartAsync(lab.Folder("seed", lab.Content));
        await using var peer = await HandshakeAsync(seed, lab);
        await SendAsync(peer.Output, default(InterestedMessage));
        await ReadUntilAsync(peer.Input, MessageId.Unchoke);

        await SendAsync(peer.Output, new RequestMessage(new BlockRequest(0, 60 * 1024, BlockRequest.StandardLength)));

        await ReadUntilClosedAsync(peer.Input);
    }

    [Fact]
    public async Task A_two_gigabyte_frame_closes_the_connection_and_the_engine_keeps_serving_others()
    {
        await using var lab = await SwarmLab.CreateAsync(256 * 1024, 64 * 1024, seed: 9);
        var (seed, _) = await lab.StartAsync(lab.Folder("seed", lab.Content));
        await using (var hostile = await HandshakeAsync(seed, lab))
        {
            await hostile.Output.WriteAsync(new byte[] { 0x80, 0, 0, 0, 7, 0, 0, 0 });
            await ReadUntilClosedAsync(hostile.Input);
        }

        var leechFolder = lab.Folder("leech");
        var (_, leech) = await lab.StartAsync(leechFolder, peers: seed.ListenEndPoint!);
        await leech.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(lab.Content, lab.Read(leechFolder));
    }

    [Fact]
    public async Task Have_all_without_the_fast_extension_bit_is_a_violation_that_closes_the_connection()
    {
        await using var lab = await SwarmLab.CreateAsync(256 * 1024, 64 * 1024, seed: 10);
        var (seed, _) = await lab.StartAsync(lab.Folder("seed", lab.Content));
        await using var peer = await HandshakeAsync(seed, lab, reserved: 0);

        await SendAsync(peer.Output, default(HaveAllMessage));

        await ReadUntilClosedAsync(peer.Input);
    }

    private static async Task<PeerSocket> HandshakeAsync(SwarmEngine engine, SwarmLab lab, ulong reserved = Handshake.FastExtensionBit)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var socket = await PeerSocket.ConnectAsync(engine.ListenEndPoint!, null, timeout.Token);
        await socket.SendHandshakeAsync(new Handshake(reserved, lab.Metainfo.InfoHash, PeerId.CreateRandom()), timeout.Token);
        var answer = await socket.ReceiveHandshakeAsync(timeout.Token);
        Assert.Equal(lab.Metainfo.InfoHash, answer.InfoHash);
        return socket;
    }

    private static async Task SendAsync<T>(PipeWriter output, T message)
        where T : IWireMessage<T>
    {
        var bytes = new byte[message.EncodedLength];
        message.Encode(bytes);
        await output.WriteAsync(bytes);
    }

    private static async Task ReadUntilAsync(PipeReader input, MessageId id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var limits = new FrameLimits(64);
        while (true)
        {
            var result = await input.ReadAsync(timeout.Token);
            var buffer = result.Buffer;
            var found = false;
            while (!found && FrameReader.TryRead(ref buffer, limits, out var frame))
            {
                found = !frame.IsKeepAlive && frame.Id == id;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            Assert.False(result.IsCompleted && !found, $"The connection closed before {id}.");
            if (found)
            {
                return;
            }
        }
    }

    private static async Task ReadUntilClosedAsync(PipeReader input)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(timeout.Token);
                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }
    }
}
