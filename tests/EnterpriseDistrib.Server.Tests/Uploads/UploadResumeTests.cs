using System.Globalization;
using System.Net;
using EnterpriseDistrib.Server.Tests.Infrastructure;
using EnterpriseDistrib.Server.Tests.Origin;

namespace EnterpriseDistrib.Server.Tests.Uploads;

[Collection(OriginCollection.Name)]
public sealed class UploadResumeTests(OriginHarness harness)
{
    [Fact]
    public async Task An_upload_cut_mid_patch_keeps_the_bytes_that_arrived_and_continues_from_head()
    {
        using var publishing = await OriginPublishing.RegisterAsync(harness, [("setup.exe", 1_500_000)]);
        var (path, bytes) = publishing.Files().Single();
        var location = await publishing.CreateOkAsync(path, bytes.Length);
        using (var first = await publishing.PatchAsync(location, 0, bytes.AsMemory(0, 100_000)))
        {
            await first.ExpectAsync(HttpStatusCode.NoContent);
        }

        // The client's connection dies after 300,000 bytes of a 1 MiB chunk.
        using (var request = OriginPublishing.Tus(HttpMethod.Patch, location))
        {
            request.Headers.Add("Upload-Offset", "100000");
            request.Content = new BrokenContent(bytes.AsMemory(100_000, (int)OriginHarness.MaxChunkBytes), breakAfter: 300_000);
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => publishing.Publisher.SendAsync(request));
        }

        // Until the server has seen the connection die, the upload is busy (409); then an empty PATCH at HEAD's offset is accepted.
        var offset = await Eventually.WaitForAsync(
            async () =>
            {
                var head = await publishing.OffsetAsync(location);
                using var probe = await publishing.PatchAsync(location, head, ReadOnlyMemory<byte>.Empty);
                return probe.StatusCode == HttpStatusCode.NoContent ? head : -1;
            },
            o => o >= 0,
            TimeSpan.FromSeconds(30),
            "the server to finish with the broken PATCH");

        // What arrived before the cut is kept (how much depends on what the server read before the reset), never more than was sent.
        Assert.InRange(offset, 100_000, 400_000);
        while (offset < bytes.Length)
        {
            var length = (int)Math.Min(OriginHarness.MaxChunkBytes, bytes.Length - offset);
            using var response = await publishing.PatchAsync(location, offset, bytes.AsMemory((int)offset, length));
            await response.ExpectAsync(HttpStatusCode.NoContent);
            offset += length;
        }

        Assert.Equal("Available", (await publishing.SettledAsync()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_corrupted_chunk_is_refused_naming_the_piece_and_accepted_once_that_range_is_sent_again()
    {
        using var publishing = await OriginPublishing.RegisterAsync(harness, [("app.msi", 100_000)]);
        var (path, bytes) = publishing.Files().Single();
        await publishing.UploadAllAsync((_, original) =>
        {
            var copy = (byte[])original.Clone();
            copy[40_000] ^= 0x5A;
            return copy;
        });

        var refused = await publishing.SettledAsync();
        Assert.Equal("Refused", refused.GetProperty("state").GetString());
        Assert.Equal([2], refused.GetProperty("badPieces").EnumerateArray().Select(p => p.GetInt32()));
        var range = Assert.Single(refused.GetProperty("resend").EnumerateArray());
        Assert.Equal(path, range.GetProperty("path").GetString());
        Assert.Equal(2 * 16_384, range.GetProperty("offset").GetInt64());
        Assert.Equal(16_384, range.GetProperty("length").GetInt64());
        Assert.Contains("1 of 7 pieces did not match", refused.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.False(harness.Directory.Seeds(publishing.Metainfo.InfoHash));

        var location = await publishing.CreateOkAsync(path, 16_384, offset: 2 * 16_384);
        using var resent = await publishing.PatchAsync(location, 0, bytes.AsMemory(2 * 16_384, 16_384));
        await resent.ExpectAsync(HttpStatusCode.NoContent);

        var accepted = await publishing.SettledAsync();
        Assert.Equal("Available", accepted.GetProperty("state").GetString());
        Assert.Empty(accepted.GetProperty("badPieces").EnumerateArray());
        Assert.True(harness.Directory.Seeds(publishing.Metainfo.InfoHash));
    }

    /// <summary>A body that sends its first bytes and then fails like a dropped connection.</summary>
    private sealed class BrokenContent : HttpContent
    {
        private readonly ReadOnlyMemory<byte> _bytes;
        private readonly int _breakAfter;

        public BrokenContent(ReadOnlyMemory<byte> bytes, int breakAfter)
        {
            _bytes = bytes;
            _breakAfter = breakAfter;
            Headers.ContentType = new("application/offset+octet-stream");
            Headers.ContentLength = bytes.Length;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(_bytes[.._breakAfter]);
            await stream.FlushAsync();
            throw new IOException("connection reset (simulated at " + _breakAfter.ToString(CultureInfo.InvariantCulture) + " bytes)");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
