using System.Text;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Torrent.WebSeeds;

/// <summary>Forms the URL of a torrent file on a web seed, per BEP 19.</summary>
public static class WebSeedUrls
{
    /// <summary>
    /// Single-file: the seed URL is the file itself, unless it ends with '/' (then the name is appended).
    /// Multi-file: <c>url/name/path/to/file</c>. Each component is percent-encoded.
    /// </summary>
    public static Uri GetFileUri(Uri seedUrl, WebSeedContent content, FileEntry file)
    {
        ArgumentNullException.ThrowIfNull(seedUrl);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(file);
        var url = seedUrl.OriginalString;
        var endsWithSlash = url.EndsWith('/');
        if (!content.IsMultiFile)
        {
            return endsWithSlash ? new Uri(url + Uri.EscapeDataString(content.Name)) : seedUrl;
        }

        var builder = new StringBuilder(url);
        if (!endsWithSlash)
        {
            builder.Append('/');
        }

        builder.Append(Uri.EscapeDataString(content.Name));
        foreach (var component in file.Path.Skip(1))
        {
            builder.Append('/').Append(Uri.EscapeDataString(component));
        }

        return new Uri(builder.ToString());
    }
}
