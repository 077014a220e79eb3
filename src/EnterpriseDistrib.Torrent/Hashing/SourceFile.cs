namespace EnterpriseDistrib.Torrent.Hashing;

/// <summary>One file of a torrent's content, in torrent order, as the hasher reads it from disk.</summary>
/// <param name="FullPath">Where the file's bytes are read from.</param>
/// <param name="Length">How many bytes of the file belong to the content; zero-length files are allowed.</param>
public sealed record SourceFile(string FullPath, long Length);
