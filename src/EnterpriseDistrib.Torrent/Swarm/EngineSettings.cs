using System.Net;
using EnterpriseDistrib.Torrent.Wire;

namespace EnterpriseDistrib.Torrent.Swarm;

/// <summary>
/// How a <see cref="SwarmEngine"/> behaves; immutable, changed with <c>with</c>, checked once by
/// <see cref="Validate"/> when the engine is built. Defaults suit a LAN of cooperating peers.
/// </summary>
public sealed record EngineSettings
{
    /// <summary>The local address for the listener and every outgoing peer connection (a site's 127.x.y.z in the lab).</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>The listen port; 0 picks a free one (see <see cref="SwarmEngine.ListenEndPoint"/>).</summary>
    public int ListenPort { get; init; }

    /// <summary>The client name sent as <c>v</c> in the BEP 10 handshake.</summary>
    public string ClientName { get; init; } = "EnterpriseDistrib/0.1";

    public int MaxPeersPerTorrent { get; init; } = 80;

    /// <summary>
    /// Peers we upload to at once. Every peer is ours, so we unchoke everyone interested up to a generous
    /// count instead of trading tit-for-tat (BEP 3's choking exists to punish free riders we don't have).
    /// </summary>
    public int UploadSlots { get; init; } = 64;

    /// <summary>
    /// Outstanding 16 KiB requests per peer: 256 blocks (4 MiB) covers a LAN's bandwidth-delay product
    /// (1 GB/s × 4 ms) with room to spare.
    /// </summary>
    public int PipelineDepth { get; init; } = 256;

    /// <summary>Queued requests we accept from one peer (our <c>reqq</c>); more is a flood and closes the connection.</summary>
    public int MaxQueuedRequestsPerPeer { get; init; } = 1024;

    /// <summary>Pieces assembled in memory per torrent, in bytes; no new piece is started past it and reads pause.</summary>
    public long MaxBufferedBytesPerTorrent { get; init; } = 128L * 1024 * 1024;

    /// <summary>
    /// Whole pieces kept in memory for uploading, per torrent: each is read from disk once and its blocks
    /// served to every peer that asks (at least two pieces whatever the piece size).
    /// </summary>
    public long UploadCacheBytesPerTorrent { get; init; } = 32L * 1024 * 1024;

    /// <summary>Pieces picked at random before rarest-first takes over, so new peers quickly have something to trade.</summary>
    public int RandomFirstPieces { get; init; } = 4;

    /// <summary>Hash failures a peer may take part in before it is banned.</summary>
    public int HashFailuresBeforeBan { get; init; } = 2;

    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A request not answered within this is given to another peer (a stalled or vanished peer).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A connection silent for this long is closed; BEP 3 peers send keep-alives every 2 minutes.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How often fast-resume data is saved while downloading (also after completion and on stop).</summary>
    public TimeSpan FastResumeInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Global download limit in bytes per second; 0 = unlimited. Changeable at run time on the engine.</summary>
    public long DownloadRateLimit { get; init; }

    /// <summary>Global upload limit in bytes per second; 0 = unlimited.</summary>
    public long UploadRateLimit { get; init; }

    /// <summary>Checks every value once; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public EngineSettings Validate()
    {
        ArgumentNullException.ThrowIfNull(BindAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(ClientName);
        ArgumentOutOfRangeException.ThrowIfNegative(ListenPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ListenPort, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPeersPerTorrent);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(UploadSlots);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(PipelineDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxQueuedRequestsPerPeer);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBufferedBytesPerTorrent, 4L * BlockRequest.StandardLength);
        ArgumentOutOfRangeException.ThrowIfNegative(UploadCacheBytesPerTorrent);
        ArgumentOutOfRangeException.ThrowIfNegative(RandomFirstPieces);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(HashFailuresBeforeBan);
        ArgumentOutOfRangeException.ThrowIfNegative(DownloadRateLimit);
        ArgumentOutOfRangeException.ThrowIfNegative(UploadRateLimit);
        foreach (var (name, value) in new[]
        {
            (nameof(HandshakeTimeout), HandshakeTimeout), (nameof(ConnectTimeout), ConnectTimeout),
            (nameof(RequestTimeout), RequestTimeout), (nameof(IdleTimeout), IdleTimeout),
            (nameof(KeepAliveInterval), KeepAliveInterval), (nameof(FastResumeInterval), FastResumeInterval),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
            }
        }

        return this;
    }
}
