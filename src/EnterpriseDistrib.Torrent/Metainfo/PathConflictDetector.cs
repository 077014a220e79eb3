using System.Collections.Immutable;

namespace EnterpriseDistrib.Torrent.Metainfo;

/// <summary>
/// Finds two files of a torrent that would land on the same place on a Windows endpoint: the same path
/// up to case, or a file where another file needs a folder.
/// </summary>
internal sealed class PathConflictDetector
{
    private readonly HashSet<string> _files = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _folders = new(StringComparer.OrdinalIgnoreCase);

    public void Add(ImmutableArray<string> path)
    {
        var joined = string.Join('/', path);
        if (_files.Contains(joined) || _folders.Contains(joined))
        {
            throw new InvalidTorrentException(
                $"The torrent is invalid: the file '{TorrentPathPolicy.Describe(path)}' collides with another file or folder of the same name (names are compared ignoring case).");
        }

        for (var length = 1; length < path.Length; length++)
        {
            var folder = string.Join('/', path.Take(length));
            if (_files.Contains(folder))
            {
                throw new InvalidTorrentException(
                    $"The torrent is invalid: the file '{TorrentPathPolicy.Describe(path)}' needs the folder '{folder}', which is also a file.");
            }

            _folders.Add(folder);
        }

        _files.Add(joined);
    }
}
