using EnterpriseDistrib.Torrent.Hashing;
using EnterpriseDistrib.Torrent.Pieces;
using EnterpriseDistrib.Torrent.Storage;
using EnterpriseDistrib.Torrent.Tests.Hashing;

namespace EnterpriseDistrib.Torrent.Tests.Storage;

public sealed class PieceCheckerTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TestContent _content = TestContent.Typical();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Complete_content_checks_every_piece_good()
    {
        _content.WriteAll(_folder.Path);
        var have = await new PieceChecker().CheckAsync(_content.Layout, _folder.Path);
        Assert.True(have.AllSet);
    }

    [Theory]
    [InlineData(0, 5, 0)]          // a.bin, piece 0
    [InlineData(0, 16384, 1)]      // a.bin, first byte of piece 1
    [InlineData(6, 50, 1)]         // small/e inside the piece spanning eight files
    [InlineData(9, 39999, 4)]      // last byte of h.bin, the short last piece
    public async Task Recheck_finds_a_single_flipped_byte_in_the_right_piece(int file, int offset, int badPiece)
    {
        _content.WriteAll(_folder.Path);
        PieceStorageTests.FlipByte(_content.PathOf(_folder.Path, file), offset);

        var have = await new PieceChecker().CheckAsync(_content.Layout, _folder.Path);

        Assert.Equal(Enumerable.Range(0, _content.Layout.PieceCount).Where(p => p != badPiece), have.SetIndexes());
    }

    [Fact]
    public async Task A_missing_file_leaves_only_the_pieces_touching_it_unset()
    {
        _content.WriteAll(_folder.Path);
        File.Delete(_content.PathOf(_folder.Path, 7)); // small/f, in piece 1 only
        Directory.Delete(Path.Combine(_folder.Path, "pkg", "sub", "deep"), recursive: true); // c, d and empty2, piece 1

        var have = await new PieceChecker().CheckAsync(_content.Layout, _folder.Path);

        Assert.Equal([0, 2, 3, 4], have.SetIndexes());
    }

    [Fact]
    public async Task A_short_file_leaves_the_pieces_past_its_end_unset()
    {
        _content.WriteAll(_folder.Path);
        using (var handle = File.OpenHandle(_content.PathOf(_folder.Path, 9), FileMode.Open, FileAccess.Write))
        {
            RandomAccess.SetLength(handle, 20000); // h.bin [25603, 65603) now ends at 45603, inside piece 2
        }

        var have = await new PieceChecker().CheckAsync(_content.Layout, _folder.Path);

        Assert.Equal([0, 1], have.SetIndexes());
    }

    [Fact]
    public async Task An_empty_folder_has_no_pieces()
    {
        var have = await new PieceChecker().CheckAsync(_content.Layout, _folder.Path);
        Assert.True(have.NoneSet);
        Assert.Equal(_content.Layout.PieceCount, have.Length);
    }

    [Fact]
    public async Task Only_the_selected_pieces_are_checked()
    {
        _content.WriteAll(_folder.Path);
        var only = new Bitfield(_content.Layout.PieceCount);
        only.Set(1);
        only.Set(3);
        long examined = 0;

        var have = await new PieceChecker().CheckAsync(_content.Layout, _folder.Path, only, new SynchronousProgress(v => examined = v));

        Assert.Equal([1, 3], have.SetIndexes());
        Assert.Equal(2 * 16384, examined);
    }

    [Fact]
    public async Task Progress_reaches_the_content_length()
    {
        _content.WriteAll(_folder.Path);
        long examined = 0;
        await new PieceChecker(new PieceHasherOptions { MaxParallelism = 3 }).CheckAsync(_content.Layout, _folder.Path, new SynchronousProgress(v => examined = v));
        Assert.Equal(_content.Layout.TotalLength, examined);
    }

    [Fact]
    public async Task Cancelling_a_check_throws_instead_of_returning_a_partial_bitfield()
    {
        var big = TestContent.Create(16384, "one.bin=4000000");
        big.WriteAll(_folder.Path);
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(v =>
        {
            if (v > 100_000)
            {
                cancel.Cancel();
            }
        });

        var checker = new PieceChecker(new PieceHasherOptions { MaxParallelism = 1, ReadBlockSize = 16384 });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => checker.CheckAsync(big.Layout, _folder.Path, progress, cancel.Token));
    }

    private sealed class SynchronousProgress(Action<long> onReport) : IProgress<long>
    {
        private readonly Lock _gate = new();

        public void Report(long value)
        {
            lock (_gate)
            {
                onReport(value);
            }
        }
    }
}
