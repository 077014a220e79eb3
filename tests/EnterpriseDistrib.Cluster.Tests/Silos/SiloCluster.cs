using EnterpriseDistrib.Cluster.Tests.Grains;
using Orleans.Runtime;

namespace EnterpriseDistrib.Cluster.Tests.Silos;

/// <summary>A few <see cref="TestSilo"/>s of one cluster on one database; stops and disposes them all at the end.</summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly List<TestSilo> _silos = [];

    private SiloCluster(ClusterSettings settings)
    {
        Settings = settings;
        Database = new ClusterDatabase(settings.ConnectionString);
    }

    public ClusterSettings Settings { get; }

    public ClusterDatabase Database { get; }

    public ReminderTicks Ticks { get; } = new();

    /// <summary>The running silos, in start order (a restarted silo takes its predecessor's place).</summary>
    public IReadOnlyList<TestSilo> Silos => _silos;

    /// <summary>Starts <paramref name="count"/> silos at once (they race to join, as real ones do).</summary>
    public static async Task<SiloCluster> StartAsync(string connectionString, int count)
    {
        var cluster = new SiloCluster(ClusterSettings.For(connectionString));
        try
        {
            var starts = Enumerable.Range(0, count)
                .Select(i => TestSilo.StartAsync(cluster.Settings, $"silo-{i}", SiloEndpoint.Free(), cluster.Ticks))
                .ToList();
            try
            {
                await Task.WhenAll(starts);
            }
            finally
            {
                cluster._silos.AddRange(starts.Where(start => start.IsCompletedSuccessfully).Select(start => start.Result));
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Stops <paramref name="silo"/> gracefully and starts a new incarnation with the same name and ports.</summary>
    public async Task<TestSilo> RestartAsync(TestSilo silo)
    {
        var index = _silos.IndexOf(silo);
        await silo.DisposeAsync();
        var replacement = await TestSilo.StartAsync(Settings, silo.Name, silo.Endpoint, Ticks);
        _silos[index] = replacement;
        return replacement;
    }

    /// <summary>The silos <paramref name="viewer"/>'s management grain reports active.</summary>
    public static async Task<IReadOnlySet<SiloAddress>> ActiveSilosSeenBy(TestSilo viewer)
    {
        var hosts = await viewer.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return hosts.Where(host => host.Value == SiloStatus.Active).Select(host => host.Key).ToHashSet();
    }

    public async ValueTask DisposeAsync()
    {
        // Stop in parallel: each graceful stop waits on the others' acknowledgements anyway.
        await Task.WhenAll(_silos.Select(silo => silo.DisposeAsync().AsTask()));
        _silos.Clear();
    }
}
