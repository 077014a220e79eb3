using System.Net;
using EnterpriseDistrib.Server.Hosting;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary>The <c>Tracker</c> settings section, validated once at start.</summary>
public sealed record TrackerOptions
{
    public const string SectionName = "Tracker";

    /// <summary>Announce interval told to agents; jitter spreads a fleet that started together.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Fraction of <see cref="Interval"/> added or removed at random on each answer (0.1 = ±10 %).</summary>
    public double IntervalJitter { get; init; } = 0.1;

    /// <summary>The BEP 3 <c>min interval</c> floor.</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Peers silent for this many intervals are dropped and no longer handed out.</summary>
    public double PeerTimeoutIntervals { get; init; } = 2.5;

    /// <summary>A WAN fetcher whose bytes left do not go down for this long is replaced.</summary>
    public TimeSpan FetcherProgressTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Peers handed out when the client does not say; also the most it may ask for.</summary>
    public int DefaultNumWant { get; init; } = 50;

    public int MaxNumWant { get; init; } = 200;

    /// <summary>How long agent revocation, placement and assignments read from the catalog are trusted (the revocation bound).</summary>
    public TimeSpan CatalogRefresh { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Base64 HMAC key of passkeys (at least 32 bytes); the same on every silo. Generated into <see cref="PasskeyKeyFile"/> on a single box when unset.</summary>
    public string? PasskeyKey { get; init; }

    /// <summary>Where a generated key is kept; default <c>tracker-passkey.key</c> in the server's data folder (<see cref="ServerDataFolder"/>).</summary>
    public string PasskeyKeyFile { get; init; } = "";

    /// <summary>Reverse proxies whose X-Forwarded-For is believed (addresses, not ranges).</summary>
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];

    public TimeSpan PeerTimeout => Interval * PeerTimeoutIntervals;

    internal IReadOnlySet<IPAddress> TrustedProxyAddresses { get; private init; } = new HashSet<IPAddress>();

    public static TrackerOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<TrackerOptions>() ?? new TrackerOptions();
        Check(options.Interval >= TimeSpan.FromSeconds(1) && options.Interval <= TimeSpan.FromHours(2), "Tracker:Interval must be between 1 s and 2 h.");
        Check(options.IntervalJitter is >= 0 and < 0.5, "Tracker:IntervalJitter must be at least 0 and below 0.5.");
        Check(options.MinInterval > TimeSpan.Zero && options.MinInterval <= options.Interval, "Tracker:MinInterval must be above 0 and at most Tracker:Interval.");
        Check(options.PeerTimeoutIntervals is >= 1.5 and <= 10, "Tracker:PeerTimeoutIntervals must be between 1.5 and 10.");
        Check(options.FetcherProgressTimeout > TimeSpan.Zero, "Tracker:FetcherProgressTimeout must be above 0.");
        Check(options.MaxNumWant is >= 1 and <= 1000 && options.DefaultNumWant >= 1 && options.DefaultNumWant <= options.MaxNumWant,
            "Tracker:DefaultNumWant must be between 1 and Tracker:MaxNumWant (at most 1000).");
        Check(options.CatalogRefresh > TimeSpan.Zero && options.CatalogRefresh <= TimeSpan.FromMinutes(1), "Tracker:CatalogRefresh must be above 0 and at most 1 min.");
        var proxies = new HashSet<IPAddress>();
        foreach (var text in options.TrustedProxies)
        {
            Check(IPAddress.TryParse(text, out var address), $"Tracker:TrustedProxies holds '{text}', which is not an IP address.");
            proxies.Add(Normalize(address!));
        }

        return options with
        {
            TrustedProxyAddresses = proxies,
            PasskeyKeyFile = options.PasskeyKeyFile is { Length: > 0 } file ? file : Path.Combine(ServerDataFolder.Resolve(configuration), "tracker-passkey.key"),
        };
    }

    internal static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static void Check(bool valid, string message)
    {
        if (!valid)
        {
            throw new ServerConfigurationException(message);
        }
    }
}
