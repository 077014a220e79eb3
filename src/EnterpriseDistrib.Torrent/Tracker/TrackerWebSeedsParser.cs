using System.Collections.Immutable;
using System.Text;
using EnterpriseDistrib.Torrent.Bencoding;

namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>
/// Reads our tracker's <c>x-edist-web-seeds</c> key: BEP 19 base URLs handed to the site's WAN fetcher only.
/// The key is an extension the announce must survive without, so anything off about it drops the whole key with a
/// warning instead of failing the announce.
/// </summary>
internal static class TrackerWebSeedsParser
{
    public const string Key = "x-edist-web-seeds";

    /// <summary>More than a site could use at once; a longer list is a misbehaving tracker.</summary>
    public const int MaxUrls = 8;

    public const int MaxUrlBytes = 2048;

    /// <summary>The URLs, or none with the reason they were ignored.</summary>
    public static (ImmutableArray<Uri> Urls, string? Warning) Parse(BencodeValue? value)
    {
        if (value is null)
        {
            return ([], null);
        }

        if (value is not BencodeList list)
        {
            return Ignore("it is not a list");
        }

        if (list.Count > MaxUrls)
        {
            return Ignore($"it lists {list.Count} URLs, more than {MaxUrls}");
        }

        var urls = ImmutableArray.CreateBuilder<Uri>(list.Count);
        foreach (var item in list)
        {
            if (item is not BencodeString text || text.Bytes.Length is 0 or > MaxUrlBytes)
            {
                return Ignore($"an entry is not a string of 1 to {MaxUrlBytes} bytes");
            }

            var url = Encoding.UTF8.GetString(text.Bytes.Span);
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
            {
                return Ignore("an entry is not an absolute http or https URL");
            }

            if (!urls.Contains(uri))
            {
                urls.Add(uri);
            }
        }

        return (urls.ToImmutable(), null);
    }

    private static (ImmutableArray<Uri>, string) Ignore(string why) => ([], $"ignored {Key}: {why}");
}
