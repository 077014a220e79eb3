using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Storage;

namespace EnterpriseDistrib.Torrent.Swarm.Modes;

/// <summary>
/// Decides which pieces are already on disk: trusts fast-resume data where the files are unchanged and
/// hashes the rest (Storage/PieceChecker), so nothing unverified is ever counted as ours.
/// </summary>
internal sealed class CheckingMode(TorrentMetainfo metainfo, string directory, FastResumeStore resumeStore, IProgress<long>? progress) : TorrentMode
{
    public override TorrentState State => TorrentState.Checking;

    public ResumeOutcome? Outcome { get; private set; }

    public override async Task EnterAsync(CancellationToken cancellationToken)
    {
        Outcome = await new PieceChecker()
            .ResumeAsync(metainfo.Layout, directory, metainfo.InfoHash, resumeStore, progress, cancellationToken)
            .ConfigureAwait(false);
    }
}
