using EnterpriseDistrib.Torrent.Hashing;

namespace EnterpriseDistrib.Torrent.Tests.Hashing;

public sealed class ContentMapTests
{
    // Files a..g: a=100, b=0, c=50, d=0, e=0, f=1, g=249 → offsets 0,100,100,150,150,150,151; total 400.
    private static readonly ContentMap Map = new(
        [
            new SourceFile("/r/a", 100), new SourceFile("/r/b", 0), new SourceFile("/r/c", 50), new SourceFile("/r/d", 0),
            new SourceFile("/r/e", 0), new SourceFile("/r/f", 1), new SourceFile("/r/g", 249),
        ],
        pieceLength: 128);

    [Theory]
    [InlineData(0, 100, "0@0+100")]
    [InlineData(0, 128, "0@0+100 2@0+28")]
    [InlineData(99, 2, "0@99+1 2@0+1")]
    [InlineData(100, 1, "2@0+1")]
    [InlineData(128, 128, "2@28+22 5@0+1 6@0+105")]
    [InlineData(149, 3, "2@49+1 5@0+1 6@0+1")]
    [InlineData(150, 1, "5@0+1")]
    [InlineData(384, 16, "6@233+16")]
    [InlineData(0, 400, "0@0+100 2@0+50 5@0+1 6@0+249")]
    [InlineData(200, 0, "")]
    public void Ranges_map_to_golden_file_segments_skipping_empty_files(long offset, int length, string expected)
    {
        var segments = new List<string>();
        var covered = 0;
        foreach (var s in Map.GetSegments(offset, length))
        {
            Assert.Equal(covered, s.RangeOffset);
            covered += s.Length;
            segments.Add($"{s.FileIndex}@{s.FileOffset}+{s.Length}");
        }

        Assert.Equal(expected, string.Join(' ', segments));
        Assert.Equal(length, covered);
    }

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(1, 0, 0)]
    [InlineData(2, 0, 2)]
    [InlineData(4, 0, 0)]
    [InlineData(5, 1, 1)]
    [InlineData(6, 1, 3)]
    public void Each_file_touches_the_golden_pieces(int file, int first, int count) =>
        Assert.Equal(count == 0 ? (0, 0) : (first, count), Map.GetPiecesOfFile(file));

    [Fact]
    public void Piece_count_and_sizes_follow_the_total_length()
    {
        Assert.Equal(400, Map.TotalLength);
        Assert.Equal(4, Map.PieceCount);
        Assert.Equal([128, 128, 128, 16], Enumerable.Range(0, 4).Select(Map.GetPieceSize));
    }

    [Fact]
    public void A_range_past_the_end_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Map.GetSegments(390, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => Map.GetSegments(-1, 1));
    }

    [Fact]
    public void A_negative_file_length_is_refused() =>
        Assert.Throws<ArgumentException>(() => new ContentMap([new SourceFile("/x", -1)], 16384));
}
