using System.Net;
using EnterpriseDistrib.Server.Hosting;

namespace EnterpriseDistrib.Server.Origin;

/// <summary>
/// Settings of the origin (section <c>Origin</c>): where published content is kept, where its seeder
/// listens, and how big uploads may be. Immutable; built once from configuration.
/// </summary>
public sealed record OriginOptions
{
    /// <summary>Where content, uploads and resume data live; one folder shared by every silo.</summary>
    public required string StoragePath { get; init; }

    /// <summary>
    /// The seeder's listen address. Loopback by default, like the server's own default URL (the single box);
    /// a deployment that agents reach over the network sets it (0.0.0.0, or the host's address).
    /// </summary>
    public IPAddress PeerBindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The seeder's listen port; 0 picks a free one.</summary>
    public int PeerPort { get; init; }

    /// <summary>The address agents reach the seeder at when it binds to "any" (behind NAT, or a multi-homed host).</summary>
    public IPAddress? PeerPublicAddress { get; init; }

    /// <summary>Largest single upload (one file, or one range of it): 1 TiB.</summary>
    public long MaxUploadBytes { get; init; } = 1L << 40;

    /// <summary>Largest body of one PATCH; a client sends bigger files in several (tus "chunks").</summary>
    public long MaxChunkBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>How often a silo looks for versions another silo made available.</summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads the <c>Origin</c> section; the default storage sits next to the embedded SQLite catalog.</summary>
    public static OriginOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Origin");
        var defaults = new OriginOptions { StoragePath = "" };
        var bind = section["PeerBindAddress"];
        var advertised = section["PeerPublicAddress"];
        var options = new OriginOptions
        {
            StoragePath = Path.GetFullPath(section["StoragePath"] is { Length: > 0 } path ? path : DefaultStoragePath(configuration)),
            PeerBindAddress = string.IsNullOrWhiteSpace(bind) ? defaults.PeerBindAddress : ParseAddress(bind, "Origin:PeerBindAddress"),
            PeerPort = section.GetValue("PeerPort", defaults.PeerPort),
            PeerPublicAddress = string.IsNullOrWhiteSpace(advertised) ? null : ParseAddress(advertised, "Origin:PeerPublicAddress"),
            MaxUploadBytes = section.GetValue("MaxUploadBytes", defaults.MaxUploadBytes),
            MaxChunkBytes = section.GetValue("MaxChunkBytes", defaults.MaxChunkBytes),
            RescanInterval = section.GetValue("RescanInterval", defaults.RescanInterval),
        };
        return options.Validate();
    }

    /// <summary>Checks every value once; throws naming the first bad one.</summary>
    public OriginOptions Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(StoragePath, "Origin:StoragePath");
        ArgumentOutOfRangeException.ThrowIfNegative(PeerPort, "Origin:PeerPort");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PeerPort, ushort.MaxValue, "Origin:PeerPort");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxUploadBytes, "Origin:MaxUploadBytes");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxChunkBytes, "Origin:MaxChunkBytes");
        if (RescanInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException("Origin:RescanInterval", RescanInterval, "Origin:RescanInterval must be positive.");
        }

        return this;
    }

    private static string DefaultStoragePath(IConfiguration configuration) => Path.Combine(ServerDataFolder.Resolve(configuration), "origin");

    private static IPAddress ParseAddress(string text, string key) =>
        IPAddress.TryParse(text, out var address)
            ? address
            : throw new ArgumentException($"{key} '{text}' is not an IP address (e.g. 0.0.0.0 or 10.0.0.5).", key);
}
