using EnterpriseDistrib.Torrent.Hashing;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Pieces;

namespace EnterpriseDistrib.Torrent.Storage;

/// <summary>
/// Re-checks data already on disk against the metainfo's piece hashes, on all cores, and says which
/// pieces are good. Missing, short or unreadable files are not errors: their pieces are simply not set.
/// </summary>
public sealed class PieceChecker(PieceHasherOptions? options = null)
{
    private readonly PieceHasherOptions _options = options ?? PieceHasherOptions.Default;

    /// <summary>Checks every piece of the content under <paramref name="rootFolder"/>.</summary>
    /// <param name="progress">Receives bytes of content examined so far, in increasing order.</param>
    /// <exception cref="StoragePathException">A file of the layout would land outside the root.</exception>
    public Task<Bitfield> CheckAsync(ContentLayout layout, string rootFolder, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        CheckAsync(layout, rootFolder, only: null, progress, cancellationToken);

    /// <summary>Checks the pieces set in <paramref name="only"/> (all when null); pieces not checked are not set in the result.</summary>
    public async Task<Bitfield> CheckAsync(ContentLayout layout, string rootFolder, Bitfield? only, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var files = new ContentPaths(rootFolder).Resolve(layout);
        var map = new ContentMap(files, layout.PieceLength);
        var sink = new HashComparer(layout);
        var runs = PieceRun.Plan(layout.PieceCount, layout.PieceLength, only);
        await new PieceHashEngine(map, _options, tolerateMissingData: true)
            .RunAsync(runs, sink, progress, cancellationToken)
            .ConfigureAwait(false);
        return sink.ToBitfield();
    }

    /// <summary>
    /// Decides which pieces are on disk at start-up. With valid resume data for this torrent, its pieces
    /// are trusted except those touching a file whose size or last-write time changed, which are
    /// hashed again; without it (missing, corrupt, truncated, foreign) every piece is checked.
    /// Pieces that were not in the resume data are not trusted, even if they were written before a crash.
    /// </summary>
    public async Task<ResumeOutcome> ResumeAsync(
        ContentLayout layout, string rootFolder, InfoHash infoHash, FastResumeStore store, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(store);
        var files = new ContentPaths(rootFolder).Resolve(layout);
        var loaded = await store.LoadAsync(infoHash, layout.PieceCount, layout.Files.Length, cancellationToken).ConfigureAwait(false);
        if (loaded.Data is null)
        {
            var all = await CheckAsync(layout, rootFolder, only: null, progress, cancellationToken).ConfigureAwait(false);
            return new ResumeOutcome(all, UsedResumeData: false, ChangedFiles: 0, layout.PieceCount, loaded.RejectedBecause);
        }

        var map = new ContentMap(files, layout.PieceLength);
        var have = loaded.Data.VerifiedPieces.Clone();
        var recheck = new Bitfield(layout.PieceCount);
        var changedFiles = 0;
        for (var i = 0; i < files.Length; i++)
        {
            if (FileStamp.Of(files[i].FullPath) == loaded.Data.Files[i])
            {
                continue;
            }

            changedFiles++;
            var (first, count) = map.GetPiecesOfFile(i);
            for (var piece = first; piece < first + count; piece++)
            {
                if (have.Clear(piece))
                {
                    recheck.Set(piece);
                }
            }
        }

        if (!recheck.NoneSet)
        {
            var good = await CheckAsync(layout, rootFolder, recheck, progress, cancellationToken).ConfigureAwait(false);
            foreach (var piece in good.SetIndexes())
            {
                have.Set(piece);
            }
        }

        return new ResumeOutcome(have, UsedResumeData: true, changedFiles, recheck.TrueCount, ResumeRejectedBecause: null);
    }

    /// <summary>Compares each digest with the metainfo's; writes distinct slots, so it needs no lock.</summary>
    private sealed class HashComparer(ContentLayout layout) : IPieceHashSink
    {
        private readonly bool[] _good = new bool[layout.PieceCount];

        public void OnHashed(int piece, ReadOnlySpan<byte> digest) => _good[piece] = digest.SequenceEqual(layout.GetPieceHash(piece));

        public void OnUnreadable(int piece) => _good[piece] = false;

        public Bitfield ToBitfield()
        {
            var bitfield = new Bitfield(_good.Length);
            for (var i = 0; i < _good.Length; i++)
            {
                if (_good[i])
                {
                    bitfield.Set(i);
                }
            }

            return bitfield;
        }
    }
}
