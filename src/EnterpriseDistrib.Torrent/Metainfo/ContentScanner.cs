using System.Collections.Immutable;
using System.Text;

namespace EnterpriseDistrib.Torrent.Metainfo;

/// <summary>
/// Finds the files of a file or folder that go into a new torrent, in the order and with the choices of
/// the reference tool named by a <see cref="CreatorConvention"/>.
/// </summary>
internal static class ContentScanner
{
    /// <summary>A file of the content: its components below the torrent's folder (empty for a single file), where it is, and its length.</summary>
    public sealed record ScannedFile(ImmutableArray<string> RelativePath, string FullPath, long Length);

    /// <summary>
    /// The files under <paramref name="path"/>, or the file itself. Symbolic links to files are followed;
    /// links to folders are not, so a link cycle cannot make the walk endless.
    /// </summary>
    public static (bool IsSingleFile, List<ScannedFile> Files) Scan(string path, CreatorConvention convention, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        if (File.Exists(fullPath))
        {
            var length = FileLength(new FileInfo(fullPath));
            return (true, length == 0 && convention == CreatorConvention.Transmission ? [] : [new ScannedFile([], fullPath, length)]);
        }

        if (!Directory.Exists(fullPath))
        {
            throw new FileNotFoundException($"There is no file or folder at '{path}'.", path);
        }

        var files = new List<ScannedFile>();
        var pending = new Stack<(DirectoryInfo Folder, ImmutableArray<string> Components)>();
        pending.Push((new DirectoryInfo(fullPath), []));
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
        while (pending.TryPop(out var current))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var entry in current.Folder.EnumerateFileSystemInfos("*", options))
            {
                // transmission-create skips every name starting with a dot; mktorrent keeps them.
                if (convention == CreatorConvention.Transmission && entry.Name.StartsWith('.'))
                {
                    continue;
                }

                var components = current.Components.Add(entry.Name);
                var target = entry.LinkTarget is null ? entry : entry.ResolveLinkTarget(returnFinalTarget: true);
                if (target is DirectoryInfo || (target?.Attributes ?? 0).HasFlag(FileAttributes.Directory))
                {
                    if (entry.LinkTarget is null)
                    {
                        pending.Push(((DirectoryInfo)entry, components));
                    }
                }
                else if (target is { Exists: true })
                {
                    var length = FileLength(new FileInfo(target.FullName));
                    if (length > 0 || convention != CreatorConvention.Transmission)
                    {
                        files.Add(new ScannedFile(components, entry.FullName, length));
                    }
                }
            }
        }

        var keys = files.Select(file => Encoding.UTF8.GetBytes(string.Join('/', file.RelativePath))).ToArray();
        var order = Enumerable.Range(0, files.Count).ToArray();
        Comparison<int> compare = convention == CreatorConvention.Transmission
            ? (left, right) => TransmissionCompare(keys[left], keys[right])
            : (left, right) => keys[left].AsSpan().SequenceCompareTo(keys[right]);
        Array.Sort(order, compare);
        return (false, [.. order.Select(index => files[index])]);
    }

    /// <summary>
    /// transmission 3.00 sorts its file list with libevent's <c>evutil_ascii_strcasecmp</c>: A-Z folded to
    /// lower case, then compared as C <c>char</c>, which is signed on x86 and ARM Linux builds, so bytes
    /// of non-ASCII names (0x80-0xFF) sort before the terminating NUL and before every ASCII byte.
    /// </summary>
    internal static int TransmissionCompare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        for (var i = 0; ; i++)
        {
            var a = i < left.Length ? (sbyte)FoldAscii(left[i]) : (sbyte)0;
            var b = i < right.Length ? (sbyte)FoldAscii(right[i]) : (sbyte)0;
            if (a != b)
            {
                return a < b ? -1 : 1;
            }

            if (a == 0)
            {
                return 0;
            }
        }
    }

    private static byte FoldAscii(byte value) => value is >= (byte)'A' and <= (byte)'Z' ? (byte)(value + 32) : value;

    private static long FileLength(FileInfo file) => file.Length;
}
