using System.Buffers;
using System.IO.Pipelines;
using EnterpriseDistrib.Torrent.Wire;
using EnterpriseDistrib.Torrent.Wire.Messages;

namespace EnterpriseDistrib.Torrent.Tests.Wire;

public sealed class FrameReaderTests
{
    private static readonly FrameLimits Limits = new(PieceCount: 20);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(2026)]
    public async Task Decodes_the_same_frames_whatever_the_fragment_sizes(int seed)
    {
        var stream = BuildStream();
        var expected = ReadAll(new ReadOnlySequence<byte>(stream));

        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var random = new Random(seed);
        for (var at = 0; at < stream.Length;)
        {
            var size = Math.Min(random.Next(1, 64), stream.Length - at);
            await pipe.Writer.WriteAsync(stream.AsMemory(at, size));
            at += size;
        }

        await pipe.Writer.CompleteAsync();
        var actual = new List<string>();
        while (true)
        {
            var result = await pipe.Reader.ReadAsync();
            var buffer = result.Buffer;
            try
            {
                // Fragments reach the reader a few at a time through the pipe's segments.
                while (FrameReader.TryRead(ref buffer, Limits, out var frame))
                {
                    actual.Add(Describe(frame));
                }
            }
            finally
            {
                pipe.Reader.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted)
            {
                break;
            }
        }

        Assert.Equal(expected, actual);
        Assert.Equal(14, actual.Count);
    }

    [Fact]
    public void Decodes_one_byte_segments_identically()
    {
        var stream = BuildStream();
        var expected = ReadAll(new ReadOnlySequence<byte>(stream));

        Assert.Equal(expected, ReadAll(OneByteSegments(stream)));
    }

    [Fact]
    public void A_length_of_two_to_the_31_ends_the_connection_before_anything_is_allocated()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x80, 0, 0, 0, 7 });
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<ProtocolViolationException>(() => FrameReader.TryRead(ref buffer, Limits, out _));

        Assert.Contains("2147483648", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }

    [Fact]
    public void A_declared_length_is_refused_from_the_prefix_alone()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x7F, 0xFF, 0xFF, 0xFF });
        Assert.Throws<ProtocolViolationException>(() => FrameReader.TryRead(ref buffer, Limits, out _));
    }

    [Fact]
    public void A_bitfield_of_the_wrong_size_is_refused_from_its_header()
    {
        // 20 pieces need 3 bytes; this declares 4.
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0, 5, 5 });
        var error = Assert.Throws<ProtocolViolationException>(() => FrameReader.TryRead(ref buffer, Limits, out _));
        Assert.Contains("Bitfield", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_piece_message_larger_than_a_block_is_refused_from_its_header()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0x40, 0x0A, 7 });
        Assert.Throws<ProtocolViolationException>(() => FrameReader.TryRead(ref buffer, Limits, out _));
    }

    [Fact]
    public void A_small_unknown_message_is_passed_on_to_be_ignored_and_a_large_one_refused()
    {
        var small = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0, 3, 0x63, 1, 2, 0, 0, 0, 0 });
        Assert.True(FrameReader.TryRead(ref small, Limits, out var frame));
        Assert.Equal((MessageId)0x63, frame.Id);
        Assert.True(FrameReader.TryRead(ref small, Limits, out var keepAlive));
        Assert.True(keepAlive.IsKeepAlive);

        var large = new ReadOnlySequence<byte>(new byte[] { 0, 1, 0, 0, 0x63 });
        Assert.Throws<ProtocolViolationException>(() => FrameReader.TryRead(ref large, Limits, out _));
    }

    [Fact]
    public void A_request_with_a_stray_byte_is_refused()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0, 14, 6 });
        Assert.Throws<ProtocolViolationException>(() => FrameReader.TryRead(ref buffer, Limits, out _));
    }

    private static byte[] BuildStream()
    {
        var writer = new ArrayBufferWriter<byte>();
        Write(writer, new BitfieldMessage(new byte[] { 0xFF, 0x00, 0xF0 }));
        Write(writer, default(UnchokeMessage));
        Write(writer, default(KeepAliveMessage));
        Write(writer, new HaveMessage(19));
        Write(writer, new RequestMessage(new BlockRequest(3, 16384, 16384)));
        var block = new byte[16384];
        new Random(5).NextBytes(block);
        Write(writer, new PieceHeader(3, 16384, block.Length));
        writer.Write(block);
        Write(writer, new CancelMessage(new BlockRequest(3, 0, 16384)));
        Write(writer, new ExtendedMessage(0, "d1:md4:ut_xi2eee"u8.ToArray()));
        Write(writer, default(HaveAllMessage));
        Write(writer, new AllowedFastMessage(4));
        Write(writer, new RejectRequestMessage(new BlockRequest(1, 0, 100)));
        Write(writer, new SuggestPieceMessage(2));
        Write(writer, default(NotInterestedMessage));
        Write(writer, default(ChokeMessage));
        return writer.WrittenSpan.ToArray();
    }

    private static void Write<T>(ArrayBufferWriter<byte> writer, T message)
        where T : IWireMessage<T>
    {
        writer.Advance(message.Encode(writer.GetSpan(message.EncodedLength)));
    }

    private static List<string> ReadAll(ReadOnlySequence<byte> buffer)
    {
        var frames = new List<string>();
        while (FrameReader.TryRead(ref buffer, Limits, out var frame))
        {
            frames.Add(Describe(frame));
        }

        Assert.True(buffer.IsEmpty);
        return frames;
    }

    private static string Describe(WireFrame frame) =>
        frame.IsKeepAlive ? "keep-alive" : $"{frame.Id}:{Convert.ToHexString(frame.Frame.ToArray())}";

    private static ReadOnlySequence<byte> OneByteSegments(byte[] bytes)
    {
        var first = new Segment(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            last = last.Append(bytes.AsMemory(i, 1));
        }

        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
