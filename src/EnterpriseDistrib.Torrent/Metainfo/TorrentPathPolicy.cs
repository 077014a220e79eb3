using System.Text;

namespace EnterpriseDistrib.Torrent.Metainfo;

/// <summary>
/// Decides whether a file path from a torrent is safe to create on an endpoint. Torrents are untrusted
/// and endpoints run Windows, so a path must stay inside the download folder and be a plain, creatable
/// Windows name on every component.
/// </summary>
/// <remarks>
/// Storage additionally checks that each resolved path stays under its target folder; this policy is
/// the first line, and a torrent that breaks it never yields a <see cref="FileEntry"/>.
/// </remarks>
public static class TorrentPathPolicy
{
    /// <summary>Most UTF-8 bytes in one component; what NTFS, ext4 and most file systems allow.</summary>
    public const int MaxComponentBytes = 255;

    /// <summary>Most UTF-8 bytes in a whole relative path (name and components joined with separators).</summary>
    public const int MaxPathBytes = 1024;

    // Windows rejects these anywhere in a name ("Naming Files, Paths, and Namespaces").
    private const string ForbiddenCharacters = "<>:\"/\\|?*";

    /// <summary>Returns null when <paramref name="component"/> is a safe file or folder name, otherwise why not.</summary>
    public static string? CheckComponent(string component)
    {
        ArgumentNullException.ThrowIfNull(component);
        if (component.Length == 0)
        {
            return "it has an empty component";
        }

        if (component is "." or "..")
        {
            return $"the component '{component}' refers to the current or parent folder";
        }

        foreach (var character in component)
        {
            if (character == '\0')
            {
                return "a component contains a NUL character";
            }

            if (character is '/' or '\\')
            {
                return "a component contains a path separator";
            }

            if (char.IsControl(character))
            {
                return $"a component contains the control character U+{(int)character:X4}";
            }

            if (ForbiddenCharacters.Contains(character, StringComparison.Ordinal))
            {
                return $"a component contains '{character}', which Windows does not allow in file names";
            }
        }

        if (component[^1] is '.' or ' ')
        {
            return "a component ends with a dot or a space, which Windows strips";
        }

        if (IsReservedWindowsName(component))
        {
            return $"'{component}' is a reserved Windows device name";
        }

        if (Encoding.UTF8.GetByteCount(component) > MaxComponentBytes)
        {
            return $"a component is longer than {MaxComponentBytes} bytes";
        }

        return null;
    }

    /// <summary>Returns null when the whole path is safe, otherwise why not.</summary>
    public static string? CheckPath(IReadOnlyList<string> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Count == 0)
        {
            return "the path is empty";
        }

        var bytes = components.Count - 1;
        foreach (var component in components)
        {
            if (CheckComponent(component) is { } reason)
            {
                return reason;
            }

            bytes += Encoding.UTF8.GetByteCount(component);
        }

        return bytes > MaxPathBytes ? $"the path is longer than {MaxPathBytes} bytes" : null;
    }

    /// <summary>Throws <see cref="InvalidTorrentException"/> naming the file when the path is not safe.</summary>
    public static void EnsureSafe(IReadOnlyList<string> components)
    {
        if (CheckPath(components) is { } reason)
        {
            throw new InvalidTorrentException($"The torrent's file '{Describe(components)}' has an unsafe path: {reason}.");
        }
    }

    /// <summary>Joins components with '/' for messages, escaping characters that would hide what the path really is.</summary>
    public static string Describe(IReadOnlyList<string> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        var text = new StringBuilder();
        for (var i = 0; i < components.Count; i++)
        {
            if (i > 0)
            {
                text.Append('/');
            }

            var component = components[i];
            var shown = component.Length > 300 ? component[..300] + "…" : component;
            foreach (var character in shown)
            {
                if (char.IsControl(character))
                {
                    text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)character:x4}");
                }
                else
                {
                    text.Append(character);
                }
            }
        }

        return text.ToString();
    }

    private static bool IsReservedWindowsName(string component)
    {
        // The device names are reserved with any extension too ("nul.txt"), and Windows ignores
        // spaces before the extension ("CON .txt").
        var dot = component.IndexOf('.', StringComparison.Ordinal);
        var stem = (dot < 0 ? component : component[..dot]).TrimEnd(' ');
        if (stem.Length is < 3 or > 7)
        {
            return false;
        }

        if (stem.Equals("CON", StringComparison.OrdinalIgnoreCase)
            || stem.Equals("PRN", StringComparison.OrdinalIgnoreCase)
            || stem.Equals("AUX", StringComparison.OrdinalIgnoreCase)
            || stem.Equals("NUL", StringComparison.OrdinalIgnoreCase)
            || stem.Equals("CONIN$", StringComparison.OrdinalIgnoreCase)
            || stem.Equals("CONOUT$", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // COM1-9 and LPT1-9, and the superscript digits Windows also treats as ports.
        return stem.Length == 4
            && (stem.StartsWith("COM", StringComparison.OrdinalIgnoreCase) || stem.StartsWith("LPT", StringComparison.OrdinalIgnoreCase))
            && stem[3] is (>= '1' and <= '9') or '¹' or '²' or '³';
    }
}
