using System.Globalization;

namespace EnterpriseDistrib.Benchmarks;

/// <summary>Reads <c>--name value</c> options shared by the benchmarks, with sizes like <c>2GiB</c>.</summary>
internal sealed class BenchmarkArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public BenchmarkArgs(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value' pairs, got '{args[i]}'.");
            }

            _values[args[i][2..]] = args[++i];
        }
    }

    public string? GetString(string name) => _values.GetValueOrDefault(name);

    public int GetInt(string name, int defaultValue) =>
        _values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : defaultValue;

    public long GetSize(string name, long defaultValue) =>
        _values.TryGetValue(name, out var text) ? ParseSize(text) : defaultValue;

    /// <summary>Parses <c>123</c>, <c>64KiB</c>, <c>4MiB</c>, <c>2GiB</c> (binary units; KB/MB/GB are taken as the same).</summary>
    public static long ParseSize(string text)
    {
        var units = new (string Suffix, long Factor)[]
        {
            ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10),
            ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10),
        };
        foreach (var (suffix, factor) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return checked(long.Parse(text[..^suffix.Length], CultureInfo.InvariantCulture) * factor);
            }
        }

        return long.Parse(text, CultureInfo.InvariantCulture);
    }

    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{bytes >> 20} MiB",
        >= 1L << 10 when bytes % (1L << 10) == 0 => $"{bytes >> 10} KiB",
        _ => $"{bytes} B",
    };
}
