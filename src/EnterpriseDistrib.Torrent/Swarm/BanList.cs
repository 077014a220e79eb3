using System.Collections.Concurrent;
using System.Net;

namespace EnterpriseDistrib.Torrent.Swarm;

/// <summary>
/// Peers that took part in pieces failing their hash: a strike per failed piece, banned (by address,
/// the identity of a machine on our network) at <see cref="EngineSettings.HashFailuresBeforeBan"/>.
/// </summary>
public sealed class BanList(int strikesBeforeBan)
{
    private readonly ConcurrentDictionary<IPAddress, int> _strikes = new();

    public bool IsBanned(IPAddress address) =>
        _strikes.TryGetValue(address, out var strikes) && strikes >= strikesBeforeBan;

    /// <summary>Counts one failed piece against <paramref name="address"/>; true when this strike bans it.</summary>
    public bool Strike(IPAddress address) =>
        _strikes.AddOrUpdate(address, 1, static (_, s) => s + 1) == strikesBeforeBan;

    public IReadOnlyCollection<IPAddress> Banned => [.. _strikes.Where(s => s.Value >= strikesBeforeBan).Select(s => s.Key)];
}
