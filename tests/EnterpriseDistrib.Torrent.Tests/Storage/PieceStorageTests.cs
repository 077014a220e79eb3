using EnterpriseDistrib.Torrent.Pieces;
using EnterpriseDistrib.Torrent.Storage;
using EnterpriseDistrib.Torrent.Tests.Hashing;

namespace EnterpriseDistrib.Torrent.Tests.Storage;

public sealed class PieceStorageTests : IDisposable
{
    private const int BlockSize = 4000;
    private readonly TempFolder _folder = new();
    private readonly TestContent _content = TestContent.Typical();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Allocate_creates_nested_folders_empty_files_and_sparse_files_of_full_length()
    {
        await using var storage = new PieceStorage(_content.Layout, _folder.Path);
        await storage.AllocateAsync();

        for (var i = 0; i < _content.Layout.Files.Length; i++)
        {
            var info = new FileInfo(_content.PathOf(_folder.Path, i));
            Assert.True(info.Exists, info.FullName);
            Assert.Equal(_content.Layout.Files[i].Length, info.Length);
        }
    }

    [Fact]
    public async Task Blocks_written_across_file_boundaries_land_in_the_right_files_and_read_back()
    {
        await using (var storage = new PieceStorage(_content.Layout, _folder.Path))
        {
            await storage.AllocateAsync();

            // Odd-sized blocks, pieces in reverse order: every block boundary lands somewhere new.
            for (var piece = _content.Layout.PieceCount - 1; piece >= 0; piece--)
            {
                var bytes = _content.Piece(piece).ToArray();
                for (var offset = 0; offset < bytes.Length; offset += BlockSize)
                {
                    await storage.WriteAsync(piece, offset, bytes.AsMemory(offset, Math.Min(BlockSize, bytes.Length - offset)));
                }
            }

            await storage.FlushAsync();
            for (var piece = 0; piece < _content.Layout.PieceCount; piece++)
            {
                var read = new byte[_content.Layout.PieceLength];
                Assert.Equal(_content.Layout.GetPieceSize(piece), await storage.ReadPieceAsync(piece, read));
                Assert.Equal(_content.Piece(piece).ToArray(), read.AsSpan(0, _content.Layout.GetPieceSize(piece)).ToArray());
                Assert.True(await storage.VerifyPieceAsync(piece));
            }

            var block = new byte[30];
            Assert.Equal(30, await storage.ReadAsync(1, 8610, block));
            Assert.Equal(_content.Bytes.AsSpan(16384 + 8610, 30).ToArray(), block);
        }

        for (var i = 0; i < _content.Layout.Files.Length; i++)
        {
            Assert.Equal(_content.BytesOf(i).ToArray(), File.ReadAllBytes(_content.PathOf(_folder.Path, i)));
        }
    }

    [Fact]
    public async Task Reading_where_a_file_is_missing_returns_only_the_bytes_before_it()
    {
        _content.WriteAll(_folder.Path);
        File.Delete(_content.PathOf(_folder.Path, 2)); // sub/b.bin, bytes [20000, 25000)
        await using var storage = new PieceStorage(_content.Layout, _folder.Path);

        var buffer = new byte[16384];
        Assert.Equal(20000 - 16384, await storage.ReadPieceAsync(1, buffer));
        Assert.False(await storage.VerifyPieceAsync(1));
        Assert.True(await storage.VerifyPieceAsync(0));
        Assert.False(File.Exists(_content.PathOf(_folder.Path, 2)));
    }

    [Fact]
    public async Task Verify_reports_the_piece_holding_a_flipped_byte()
    {
        _content.WriteAll(_folder.Path);
        FlipByte(_content.PathOf(_folder.Path, 9), 30000); // h.bin starts at 25603: content byte 55603, piece 3
        await using var storage = new PieceStorage(_content.Layout, _folder.Path);

        var results = new List<bool>();
        for (var piece = 0; piece < _content.Layout.PieceCount; piece++)
        {
            results.Add(await storage.VerifyPieceAsync(piece));
        }

        Assert.Equal([true, true, true, false, true], results);
    }

    [Theory]
    [InlineData(0, -1, 10)]
    [InlineData(0, 16380, 5)]
    [InlineData(4, 0, 68)]
    [InlineData(5, 0, 1)]
    [InlineData(-1, 0, 1)]
    public async Task Blocks_outside_their_piece_are_refused_without_touching_disk(int piece, int offset, int length)
    {
        await using var storage = new PieceStorage(_content.Layout, _folder.Path);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await storage.WriteAsync(piece, offset, new byte[length]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await storage.ReadAsync(piece, offset, new byte[length]));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public async Task Open_handles_stay_within_the_bound()
    {
        await using var storage = new PieceStorage(_content.Layout, _folder.Path, new PieceStorageOptions { MaxOpenFiles = 2 });
        for (var piece = 0; piece < _content.Layout.PieceCount; piece++)
        {
            await storage.WriteAsync(piece, 0, _content.Piece(piece).ToArray());
            Assert.InRange(storage.OpenFileCount, 1, 2);
        }

        await storage.FlushAsync();
        for (var piece = 0; piece < _content.Layout.PieceCount; piece++)
        {
            Assert.True(await storage.VerifyPieceAsync(piece));
        }
    }

    [Fact]
    public async Task Concurrent_writes_through_a_tiny_handle_cache_all_land()
    {
        await using (var storage = new PieceStorage(_content.Layout, _folder.Path, new PieceStorageOptions { MaxOpenFiles = 1 }))
        {
            var writes = new List<Task>();
            for (var piece = 0; piece < _content.Layout.PieceCount; piece++)
            {
                var bytes = _content.Piece(piece).ToArray();
                for (var offset = 0; offset < bytes.Length; offset += 1000)
                {
                    var (p, o) = (piece, offset);
                    writes.Add(Task.Run(async () => await storage.WriteAsync(p, o, bytes.AsMemory(o, Math.Min(1000, bytes.Length - o)))));
                }
            }

            await Task.WhenAll(writes);
        }

        var check = await new PieceChecker().CheckAsync(_content.Layout, _folder.Path);
        Assert.True(check.AllSet);
    }

    [Fact]
    public async Task Read_only_storage_refuses_writes_and_reads_existing_data()
    {
        _content.WriteAll(_folder.Path);
        await using var storage = new PieceStorage(_content.Layout, _folder.Path, new PieceStorageOptions { ReadOnly = true });
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await storage.WriteAsync(0, 0, new byte[10]));
        Assert.True(await storage.VerifyPieceAsync(2));
    }

    [Fact]
    public async Task Checkpoint_snapshots_the_bitfield_before_flushing_and_stamps_every_file()
    {
        await using var storage = new PieceStorage(_content.Layout, _folder.Path);
        await storage.AllocateAsync();
        await storage.WriteAsync(0, 0, _content.Piece(0).ToArray());
        var verified = new Bitfield(_content.Layout.PieceCount);
        verified.Set(0);

        var data = await storage.CheckpointAsync(TestContent.InfoHash, verified);
        verified.Set(1);

        Assert.Equal([0], data.VerifiedPieces.SetIndexes());
        Assert.Equal(storage.Files.Select(f => FileStamp.Of(f.FullPath)), data.Files);
        Assert.Equal(20000, data.Files[0].Length);
    }

    internal static void FlipByte(string path, long offset)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        var one = new byte[1];
        RandomAccess.Read(handle, one, offset);
        one[0] ^= 0x5A;
        RandomAccess.Write(handle, one, offset);
    }
}
