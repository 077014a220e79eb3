using EnterpriseDistrib.Torrent.Pieces;

namespace EnterpriseDistrib.Torrent.Storage;

/// <summary>What a start-up check found: the good pieces, and how much hashing fast resume saved.</summary>
/// <param name="Have">Pieces known good: trusted from resume data or verified by hashing now.</param>
/// <param name="UsedResumeData">False when there was no trustworthy resume data and everything was re-checked.</param>
/// <param name="ChangedFiles">Files whose size or last-write time differed from the resume data.</param>
/// <param name="PiecesRechecked">Pieces hashed during this check.</param>
/// <param name="ResumeRejectedBecause">Why the resume data was not used, when it was not.</param>
public sealed record ResumeOutcome(Bitfield Have, bool UsedResumeData, int ChangedFiles, int PiecesRechecked, string? ResumeRejectedBecause);
