using System.Collections.Immutable;
using EnterpriseDistrib.Torrent.Hashing;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Torrent.Storage;

/// <summary>
/// Turns a torrent's relative file paths into full paths under a download folder, refusing any that
/// would escape it. The metainfo layer already rejects <c>..</c> and rooted components; this is the
/// second line: the lexical full path, and the path with every symbolic link resolved, must both lie
/// strictly inside the (resolved) root.
/// </summary>
internal sealed class ContentPaths
{
    // Linux symlink loop limit (MAXSYMLINKS is 40).
    private const int MaxLinkDepth = 40;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string _rootPrefix;
    private readonly string _realRootPrefix;

    public ContentPaths(string rootFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootFolder);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootFolder));
        _rootPrefix = Root + Path.DirectorySeparatorChar;
        _realRootPrefix = Path.TrimEndingDirectorySeparator(RealPath(Root, 0)) + Path.DirectorySeparatorChar;
    }

    /// <summary>The download folder as a full path.</summary>
    public string Root { get; }

    /// <summary>Checks every file of the layout and returns them with full paths, in torrent order.</summary>
    /// <exception cref="StoragePathException">A file would land outside the root.</exception>
    public ImmutableArray<SourceFile> Resolve(ContentLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var files = ImmutableArray.CreateBuilder<SourceFile>(layout.Files.Length);
        foreach (var file in layout.Files)
        {
            var full = FullPathOf(file.RelativePath);
            EnsureInside(full);
            files.Add(new SourceFile(full, file.Length));
        }

        return files.MoveToImmutable();
    }

    /// <summary>
    /// Checks one full path again, just before it is opened: a folder could have been replaced by a
    /// symbolic link since <see cref="Resolve"/>.
    /// </summary>
    public void EnsureInside(string fullPath)
    {
        if (!fullPath.StartsWith(_rootPrefix, PathComparison))
        {
            throw new StoragePathException($"'{fullPath}' is outside the download folder '{Root}'.");
        }

        var real = RealPath(fullPath, 0);
        if (!real.StartsWith(_realRootPrefix, PathComparison))
        {
            throw new StoragePathException(
                $"'{fullPath}' resolves through a symbolic link to '{real}', outside the download folder '{Root}'.");
        }
    }

    private string FullPathOf(string relativePath)
    {
        if (string.IsNullOrEmpty(relativePath) || Path.IsPathRooted(relativePath))
        {
            throw new StoragePathException($"'{relativePath}' is not a relative path inside the download folder.");
        }

        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(_rootPrefix, PathComparison))
        {
            throw new StoragePathException($"'{relativePath}' leads to '{full}', outside the download folder '{Root}'.");
        }

        return full;
    }

    /// <summary>
    /// The path with every symbolic link among its existing components replaced by its target, like
    /// realpath(3) but tolerating components that do not exist yet (files not yet created).
    /// </summary>
    private static string RealPath(string fullPath, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            throw new StoragePathException($"Too many levels of symbolic links resolving '{fullPath}'.");
        }

        var root = Path.GetPathRoot(fullPath) ?? throw new StoragePathException($"'{fullPath}' has no root.");
        var current = root;
        var parts = fullPath[root.Length..].Split(
            [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar],
            StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            var next = Path.Combine(current, part);
            var target = new FileInfo(next).LinkTarget;
            current = target is null ? next : RealPath(Path.GetFullPath(target, current), depth + 1);
        }

        return current;
    }
}
