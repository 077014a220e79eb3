using EnterpriseDistrib.Torrent.Hashing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EnterpriseDistrib.Torrent.Tests.Hashing;

public sealed class PieceHasherTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_single_file_hashes_to_the_sha1_of_each_piece_with_a_short_last_piece()
    {
        var path = _folder.WriteFile("one.bin", 100_000, seed: 1);
        var digests = await new PieceHasher().HashAsync([new SourceFile(path, 100_000)], 16384);

        Assert.Equal(7 * 20, digests.Length);
        Assert.Equal(ReferenceHashes.Of(File.ReadAllBytes(path), 16384), digests);
    }

    [Fact]
    public async Task Pieces_span_file_boundaries_zero_length_files_and_many_small_files()
    {
        // Sizes chosen so that piece 0 ends inside b.bin, piece 1 covers eight tiny files and two
        // empty ones, and the last piece is short.
        var files = new List<SourceFile>();
        var content = new List<byte>();
        var sizes = new[] { 0, 10_000, 9_000, 0, 1, 2, 3, 100, 0, 200, 5, 7, 300, 20_000, 0 };
        for (var i = 0; i < sizes.Length; i++)
        {
            var bytes = new byte[sizes[i]];
            new Random(i).NextBytes(bytes);
            files.Add(new SourceFile(_folder.WriteFile($"dir{i % 3}/f{i}.bin", bytes), bytes.Length));
            content.AddRange(bytes);
        }

        var digests = await new PieceHasher().HashAsync(files, 16384);

        Assert.Equal(ReferenceHashes.Of(content.ToArray(), 16384), digests);
    }

    [Fact]
    public async Task Content_of_zero_length_files_only_has_no_pieces()
    {
        var path = _folder.WriteFile("empty", []);
        var digests = await new PieceHasher().HashAsync([new SourceFile(path, 0), new SourceFile(path, 0)], 16384);
        Assert.Empty(digests);
    }

    [Fact]
    public async Task A_missing_file_is_reported_by_name()
    {
        var present = _folder.WriteFile("a", 5000, seed: 2);
        var missing = Path.Combine(_folder.Path, "nope");
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            new PieceHasher().HashAsync([new SourceFile(present, 5000), new SourceFile(missing, 10)], 16384));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_shorter_than_its_stated_length_is_an_error_not_a_wrong_hash()
    {
        var path = _folder.WriteFile("short", 5000, seed: 3);
        var error = await Assert.ThrowsAsync<IOException>(() =>
            new PieceHasher().HashAsync([new SourceFile(path, 6000)], 16384));
        Assert.Contains("short of its 6000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_counts_every_byte_in_increasing_order()
    {
        var path = _folder.WriteFile("p.bin", 3_000_000, seed: 4);
        var reports = new List<long>();
        var progress = new SynchronousProgress(reports.Add);

        await new PieceHasher(new PieceHasherOptions { ReadBlockSize = 65536 }).HashAsync([new SourceFile(path, 3_000_000)], 32768, progress);

        lock (reports)
        {
            Assert.Equal(3_000_000, reports[^1]);
            Assert.True(reports.Count > 10);
            Assert.Equal(reports.Order(), reports);
        }
    }

    [Fact]
    public async Task Cancelling_midway_stops_with_the_callers_token()
    {
        var path = _folder.WriteFile("c.bin", 8_000_000, seed: 5);
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(done =>
        {
            if (done > 1_000_000)
            {
                cancel.Cancel();
            }
        });

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new PieceHasher(new PieceHasherOptions { ReadBlockSize = 65536 }).HashAsync([new SourceFile(path, 8_000_000)], 16384, progress, cancel.Token));
        Assert.Equal(cancel.Token, error.CancellationToken);
    }

    [Fact]
    public async Task An_already_cancelled_token_hashes_nothing()
    {
        var path = _folder.WriteFile("d.bin", 100, seed: 6);
        var reports = new List<long>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new PieceHasher().HashAsync([new SourceFile(path, 100)], 16384, new SynchronousProgress(reports.Add), new CancellationToken(canceled: true)));
        Assert.Empty(reports);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-16384)]
    public async Task A_piece_length_that_is_not_positive_is_refused(int pieceLength)
    {
        var path = _folder.WriteFile("x", 10, seed: 7);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new PieceHasher().HashAsync([new SourceFile(path, 10)], pieceLength));
    }

    [Property(MaxTest = 50)]
    public Property Any_file_split_piece_length_block_size_and_parallelism_gives_the_reference_hashes() =>
        Prop.ForAll(
            Arb.From(
                from sizes in Gen.ListOf(Gen.Choose(0, 40_000)).Select(l => l.Take(12).ToArray())
                from pieceLength in Gen.Elements(16384, 32768, 65536, 1 << 20, 1000, 1)
                from blockSize in Gen.Elements(4096, 5000, 65536, 1 << 20)
                from parallelism in Gen.Choose(1, 5)
                select (sizes, pieceLength, blockSize, parallelism)),
            ((int[] Sizes, int PieceLength, int BlockSize, int Parallelism) c) =>
            {
                using var folder = new TempFolder();
                var content = new List<byte>();
                var files = new List<SourceFile>();
                for (var i = 0; i < c.Sizes.Length; i++)
                {
                    var bytes = new byte[c.Sizes[i]];
                    new Random(i * 31 + c.Sizes[i]).NextBytes(bytes);
                    files.Add(new SourceFile(folder.WriteFile($"f{i}", bytes), bytes.Length));
                    content.AddRange(bytes);
                }

                var options = new PieceHasherOptions { MaxParallelism = c.Parallelism, ReadBlockSize = c.BlockSize };
                var digests = new PieceHasher(options).HashAsync(files, c.PieceLength).GetAwaiter().GetResult();
                return digests.AsSpan().SequenceEqual(ReferenceHashes.Of(content.ToArray(), c.PieceLength));
            });

    /// <summary>Calls back on the reporting thread, unlike <see cref="Progress{T}"/> which posts.</summary>
    private sealed class SynchronousProgress(Action<long> onReport) : IProgress<long>
    {
        public void Report(long value) => onReport(value);
    }
}
