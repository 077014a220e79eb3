using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Torrent.Tests.Metainfo;

public sealed class PieceLengthPolicyTests
{
    private const long KiB = 1024;
    private const long MiB = 1024 * KiB;
    private const long GiB = 1024 * MiB;

    [Theory]
    [InlineData(0L, 256 * KiB)]
    [InlineData(1L, 256 * KiB)]
    [InlineData(750 * MiB, 256 * KiB)]
    [InlineData(751 * MiB, 512 * KiB)]
    [InlineData(4 * GiB, 2 * MiB)]
    [InlineData(50 * GiB, 32 * MiB / 2)]
    [InlineData(100 * GiB, 16 * MiB)]
    [InlineData(10_000 * GiB, 16 * MiB)]
    public void Choose_picks_a_power_of_two_from_256_KiB_to_16_MiB(long total, long expected) =>
        Assert.Equal(expected, PieceLengthPolicy.Choose(total));

    [Fact]
    public void Choose_lands_on_a_few_thousand_pieces_for_every_size_up_to_100_GB()
    {
        for (var total = 1500 * 256 * KiB; total <= 100_000_000_000; total += total / 7)
        {
            var pieceLength = PieceLengthPolicy.Choose(total);
            var pieces = (total + pieceLength - 1) / pieceLength;
            Assert.True(PieceLengthPolicy.IsValid(pieceLength));
            Assert.InRange(pieces, 1_500, 6_000);
            if (pieceLength < 16 * MiB)
            {
                Assert.InRange(pieces, 1_500, PieceLengthPolicy.TargetMaxPieceCount);
            }
        }
    }

    [Theory]
    [InlineData(16 * KiB, true)]
    [InlineData(64 * MiB, true)]
    [InlineData(8 * KiB, false)]
    [InlineData(128 * MiB, false)]
    [InlineData(48 * KiB, false)]
    [InlineData(0, false)]
    [InlineData(-16 * KiB, false)]
    public void Valid_piece_lengths_are_powers_of_two_within_bounds(long pieceLength, bool valid) =>
        Assert.Equal(valid, PieceLengthPolicy.IsValid(pieceLength));
}
