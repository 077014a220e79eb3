using System.Reflection;

namespace EnterpriseDistrib.Torrent.Metainfo;

/// <summary>What to put in a torrent besides its content; see <see cref="TorrentCreator"/>.</summary>
public sealed record TorrentCreateOptions
{
    /// <summary>A power of two of at least 16 KiB, or null to let <see cref="PieceLengthPolicy.Choose"/> pick.</summary>
    public int? PieceLength { get; init; }

    public bool IsPrivate { get; init; }

    /// <summary>Tracker URLs: the first becomes <c>announce</c>; when there are several, each is its own <c>announce-list</c> tier.</summary>
    public IReadOnlyList<string> Trackers { get; init; } = [];

    /// <summary>BEP 19 web seed URLs.</summary>
    public IReadOnlyList<string> WebSeeds { get; init; } = [];

    /// <summary>The torrent's name; null for the file or folder name.</summary>
    public string? Name { get; init; }

    public string? Comment { get; init; }

    public string? CreatedBy { get; init; } = DefaultCreatedBy;

    /// <summary>When the torrent was made; null leaves <c>creation date</c> out.</summary>
    public DateTimeOffset? CreationDate { get; init; } = DateTimeOffset.UtcNow;

    public CreatorConvention Convention { get; init; } = CreatorConvention.Mktorrent;

    public static string DefaultCreatedBy { get; } = "EnterpriseDistrib/" + ProductVersion();

    private static string ProductVersion()
    {
        var assembly = typeof(TorrentCreateOptions).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";

        // Drop the "+commit" build metadata the SDK appends.
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
