namespace EnterpriseDistrib.Torrent.Storage;

/// <summary>Resume data that can be trusted, or why there is none (for the log).</summary>
public sealed record FastResumeLoadResult(FastResumeData? Data, string? RejectedBecause)
{
    public static FastResumeLoadResult Loaded(FastResumeData data) => new(data, null);

    public static FastResumeLoadResult Rejected(string reason) => new(null, reason);
}
