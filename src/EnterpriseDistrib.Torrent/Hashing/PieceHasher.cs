using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Torrent.Hashing;

/// <summary>
/// Computes BEP 3 piece hashes of a torrent's content at the speed of the hardware: all cores, large
/// sequential reads, constant memory, progress and cancellation.
/// </summary>
public sealed class PieceHasher(PieceHasherOptions? options = null)
{
    private readonly PieceHasherOptions _options = options ?? PieceHasherOptions.Default;

    /// <summary>
    /// SHA-1 of each piece of the concatenation of <paramref name="files"/> (pieces span file
    /// boundaries), as the concatenated 20-byte digests (BEP 3 <c>pieces</c>).
    /// </summary>
    /// <param name="progress">Receives the number of bytes hashed so far, in increasing order.</param>
    /// <exception cref="FileNotFoundException">A file with bytes in the content does not exist.</exception>
    /// <exception cref="IOException">A file is shorter than its stated length.</exception>
    public async Task<byte[]> HashAsync(IReadOnlyList<SourceFile> files, int pieceLength, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var map = new ContentMap(files, pieceLength);
        var digests = new byte[map.PieceCount * ContentLayout.PieceHashLength];
        var engine = new PieceHashEngine(map, _options, tolerateMissingData: false);
        var runs = PieceRun.Plan(map.PieceCount, pieceLength, only: null);
        await engine.RunAsync(runs, new DigestCollector(digests), progress, cancellationToken).ConfigureAwait(false);
        return digests;
    }

    private sealed class DigestCollector(byte[] digests) : IPieceHashSink
    {
        public void OnHashed(int piece, ReadOnlySpan<byte> digest) =>
            digest.CopyTo(digests.AsSpan(piece * ContentLayout.PieceHashLength, ContentLayout.PieceHashLength));

        public void OnUnreadable(int piece) =>
            throw new InvalidOperationException($"Piece {piece} was unreadable although missing data is not tolerated.");
    }
}
