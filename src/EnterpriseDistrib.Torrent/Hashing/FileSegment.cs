namespace EnterpriseDistrib.Torrent.Hashing;

/// <summary>The part of one file that a range of the concatenated content covers.</summary>
/// <param name="FileIndex">Index of the file in torrent order.</param>
/// <param name="FileOffset">Where the part starts inside the file.</param>
/// <param name="RangeOffset">Where the part starts inside the requested range (the caller's buffer).</param>
/// <param name="Length">Length of the part; never zero.</param>
public readonly record struct FileSegment(int FileIndex, long FileOffset, int RangeOffset, int Length);
