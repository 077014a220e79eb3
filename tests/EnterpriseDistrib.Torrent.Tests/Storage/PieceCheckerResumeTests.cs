using EnterpriseDistrib.Torrent.Pieces;
using EnterpriseDistrib.Torrent.Storage;
using EnterpriseDistrib.Torrent.Tests.Hashing;

namespace EnterpriseDistrib.Torrent.Tests.Storage;

public sealed class PieceCheckerResumeTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _root;
    private readonly FastResumeStore _store;

    // x [0, 20000) → pieces 0-1; y [20000, 40000) → pieces 1-2; z [40000, 60000) → pieces 2-3.
    private readonly TestContent _content = TestContent.Create(16384, "x.bin=20000", "y.bin=20000", "z.bin=20000");

    public PieceCheckerResumeTests()
    {
        _root = Directory.CreateDirectory(Path.Combine(_folder.Path, "data")).FullName;
        _store = new FastResumeStore(Path.Combine(_folder.Path, "resume"));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task After_a_crash_only_pieces_flushed_and_saved_before_it_are_trusted()
    {
        var aligned = TestContent.Create(16384, "x.bin=32768", "y.bin=32768", "z.bin=32768");
        await using (var storage = new PieceStorage(aligned.Layout, _root))
        {
            await storage.AllocateAsync();
            var verified = new Bitfield(aligned.Layout.PieceCount);
            foreach (var piece in new[] { 0, 1 })
            {
                await storage.WriteAsync(piece, 0, aligned.Piece(piece).ToArray());
                verified.Set(piece);
            }

            await _store.SaveAsync(await storage.CheckpointAsync(TestContent.InfoHash, verified));

            // Written and even correct on disk, but neither flushed nor saved when the process dies.
            foreach (var piece in new[] { 4, 5 })
            {
                await storage.WriteAsync(piece, 0, aligned.Piece(piece).ToArray());
            }

            File.SetLastWriteTimeUtc(aligned.PathOf(_root, 2), DateTime.UtcNow.AddMinutes(1));
        }

        var outcome = await new PieceChecker().ResumeAsync(aligned.Layout, _root, TestContent.InfoHash, _store);

        Assert.True(outcome.UsedResumeData);
        Assert.Equal([0, 1], outcome.Have.SetIndexes());
        Assert.Equal(1, outcome.ChangedFiles);
        Assert.Equal(0, outcome.PiecesRechecked);
    }

    [Fact]
    public async Task A_modified_file_invalidates_and_rechecks_only_the_pieces_touching_it()
    {
        await SaveCompleteDownloadAsync();
        var y = _content.PathOf(_root, 1);
        PieceStorageTests.FlipByte(y, 15000); // content byte 35000: piece 2
        File.SetLastWriteTimeUtc(y, File.GetLastWriteTimeUtc(y).AddSeconds(5));

        var outcome = await new PieceChecker().ResumeAsync(_content.Layout, _root, TestContent.InfoHash, _store);

        Assert.True(outcome.UsedResumeData);
        Assert.Equal(1, outcome.ChangedFiles);
        Assert.Equal(2, outcome.PiecesRechecked);
        Assert.Equal([0, 1, 3], outcome.Have.SetIndexes());
    }

    [Fact]
    public async Task Files_with_unchanged_size_and_time_are_trusted_without_hashing_again()
    {
        await SaveCompleteDownloadAsync();
        var x = _content.PathOf(_root, 0);
        var stamp = File.GetLastWriteTimeUtc(x);
        PieceStorageTests.FlipByte(x, 10);
        File.SetLastWriteTimeUtc(x, stamp);

        var outcome = await new PieceChecker().ResumeAsync(_content.Layout, _root, TestContent.InfoHash, _store);

        // The flipped byte goes unnoticed: proof that no piece was hashed. Peers' hash checks catch it later.
        Assert.Equal(0, outcome.PiecesRechecked);
        Assert.True(outcome.Have.AllSet);
    }

    [Fact]
    public async Task A_deleted_file_invalidates_its_pieces()
    {
        await SaveCompleteDownloadAsync();
        File.Delete(_content.PathOf(_root, 2));

        var outcome = await new PieceChecker().ResumeAsync(_content.Layout, _root, TestContent.InfoHash, _store);

        Assert.Equal([0, 1], outcome.Have.SetIndexes());
        Assert.Equal(2, outcome.PiecesRechecked);
    }

    [Fact]
    public async Task A_corrupt_resume_file_falls_back_to_a_full_recheck()
    {
        await SaveCompleteDownloadAsync();
        PieceStorageTests.FlipByte(_store.PathFor(TestContent.InfoHash), 36); // the bitfield
        PieceStorageTests.FlipByte(_content.PathOf(_root, 2), 19999);         // piece 3, time unchanged or not

        var outcome = await new PieceChecker().ResumeAsync(_content.Layout, _root, TestContent.InfoHash, _store);

        Assert.False(outcome.UsedResumeData);
        Assert.Contains("checksum", outcome.ResumeRejectedBecause, StringComparison.Ordinal);
        Assert.Equal(_content.Layout.PieceCount, outcome.PiecesRechecked);
        Assert.Equal([0, 1, 2], outcome.Have.SetIndexes());
    }

    [Fact]
    public async Task Without_a_resume_file_everything_is_checked()
    {
        _content.WriteAll(_root);

        var outcome = await new PieceChecker().ResumeAsync(_content.Layout, _root, TestContent.InfoHash, _store);

        Assert.False(outcome.UsedResumeData);
        Assert.True(outcome.Have.AllSet);
        Assert.Contains("no fast-resume file", outcome.ResumeRejectedBecause, StringComparison.Ordinal);
    }

    private async Task SaveCompleteDownloadAsync()
    {
        await using var storage = new PieceStorage(_content.Layout, _root);
        for (var piece = 0; piece < _content.Layout.PieceCount; piece++)
        {
            await storage.WriteAsync(piece, 0, _content.Piece(piece).ToArray());
        }

        await _store.SaveAsync(await storage.CheckpointAsync(TestContent.InfoHash, Bitfield.AllTrue(_content.Layout.PieceCount)));
    }
}
