using System.Collections.Immutable;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Pieces;
using EnterpriseDistrib.Torrent.Storage;
using EnterpriseDistrib.Torrent.Tests.Hashing;

namespace EnterpriseDistrib.Torrent.Tests.Storage;

public sealed class FastResumeStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FastResumeStore _store;

    public FastResumeStoreTests()
    {
        _store = new FastResumeStore(Path.Combine(_folder.Path, "resume"));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Saved_data_loads_back_identical_and_no_temp_file_is_left()
    {
        var data = Sample(pieces: 13, setEvery: 3);
        await _store.SaveAsync(data);
        await _store.SaveAsync(data with { Files = [new FileStamp(5, 6), FileStamp.Missing] });

        var loaded = await _store.LoadAsync(TestContent.InfoHash, 13, 2);

        Assert.Null(loaded.RejectedBecause);
        Assert.Equal(data.VerifiedPieces.SetIndexes(), loaded.Data!.VerifiedPieces.SetIndexes());
        Assert.Equal([new FileStamp(5, 6), FileStamp.Missing], loaded.Data.Files.ToArray());
        Assert.Equal([_store.PathFor(TestContent.InfoHash)], Directory.GetFiles(_store.Folder));
        Assert.EndsWith("0123456789abcdef0123456789abcdef01234567.resume", _store.PathFor(TestContent.InfoHash), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_format_is_the_documented_layout()
    {
        var data = new FastResumeData(TestContent.InfoHash, Bits(10, 0, 9), [new FileStamp(0x0102, 0x0A0B)]);
        await _store.SaveAsync(data);
        var bytes = await File.ReadAllBytesAsync(_store.PathFor(TestContent.InfoHash));

        Assert.Equal(8 + 20 + 8 + 2 + 16 + 32, bytes.Length);
        Assert.Equal("EDFR"u8.ToArray(), bytes[..4]);
        Assert.Equal(new byte[] { 0, 1, 0, 0 }, bytes[4..8]);
        Assert.Equal(TestContent.InfoHash.ToArray(), bytes[8..28]);
        Assert.Equal(new byte[] { 0, 0, 0, 10, 0, 0, 0, 1, 0b1000_0000, 0b0100_0000 }, bytes[28..38]);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0x0A, 0x0B }, bytes[38..54]);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, 54)), bytes[54..]);
    }

    [Fact]
    public async Task A_missing_file_is_rejected_with_the_reason()
    {
        var loaded = await _store.LoadAsync(TestContent.InfoHash, 10, 1);
        Assert.Null(loaded.Data);
        Assert.Contains("no fast-resume file", loaded.RejectedBecause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "no EDFR header")]
    [InlineData(5, "format version")]
    [InlineData(10, "checksum")]
    [InlineData(30, "checksum")]
    [InlineData(40, "checksum")]
    [InlineData(60, "checksum")]
    public async Task Any_corrupted_byte_is_rejected(int offset, string reason)
    {
        await _store.SaveAsync(Sample(pieces: 16, setEvery: 2));
        PieceStorageTests.FlipByte(_store.PathFor(TestContent.InfoHash), offset);

        var loaded = await _store.LoadAsync(TestContent.InfoHash, 16, 2);

        Assert.Null(loaded.Data);
        Assert.Contains(reason, loaded.RejectedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_file_is_rejected()
    {
        await _store.SaveAsync(Sample(pieces: 16, setEvery: 2));
        using (var handle = File.OpenHandle(_store.PathFor(TestContent.InfoHash), FileMode.Open, FileAccess.Write))
        {
            RandomAccess.SetLength(handle, 40);
        }

        var loaded = await _store.LoadAsync(TestContent.InfoHash, 16, 2);
        Assert.Null(loaded.Data);
        Assert.Contains("truncated", loaded.RejectedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_of_another_torrent_or_shape_is_rejected()
    {
        var other = InfoHash.ParseHex("ffffffffffffffffffffffffffffffffffffffff");
        await _store.SaveAsync(Sample(pieces: 16, setEvery: 2) with { InfoHash = other });
        File.Copy(_store.PathFor(other), _store.PathFor(TestContent.InfoHash));

        var foreign = await _store.LoadAsync(TestContent.InfoHash, 16, 2);
        var otherShape = await _store.LoadAsync(other, 17, 2);

        Assert.Contains("written for torrent ffff", foreign.RejectedBecause, StringComparison.Ordinal);
        Assert.Contains("expected", otherShape.RejectedBecause, StringComparison.Ordinal);
        Assert.Null(foreign.Data);
        Assert.Null(otherShape.Data);
    }

    [Fact]
    public async Task A_huge_garbage_file_is_rejected_by_its_length()
    {
        Directory.CreateDirectory(_store.Folder);
        using (var handle = File.OpenHandle(_store.PathFor(TestContent.InfoHash), FileMode.CreateNew, FileAccess.Write))
        {
            RandomAccess.SetLength(handle, 1L << 40);
        }

        var loaded = await _store.LoadAsync(TestContent.InfoHash, 16, 2);
        Assert.Null(loaded.Data);
        Assert.Contains("1099511627776 bytes", loaded.RejectedBecause, StringComparison.Ordinal);
    }

    private static FastResumeData Sample(int pieces, int setEvery)
    {
        var bits = new Bitfield(pieces);
        for (var i = 0; i < pieces; i += setEvery)
        {
            bits.Set(i);
        }

        return new FastResumeData(TestContent.InfoHash, bits, [new FileStamp(1234, 638_000_000_000_000_000), new FileStamp(0, 1)]);
    }

    private static Bitfield Bits(int length, params int[] set)
    {
        var bits = new Bitfield(length);
        foreach (var i in set)
        {
            bits.Set(i);
        }

        return bits;
    }
}
