using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseDistrib.ControlPlane.Tests.Grains;

/// <summary>
/// Hands a test's <see cref="FakeTimeProvider"/> to the silo it configures: TestCluster builds silo
/// configurators by type and passes only strings, so the clock travels as an id in configuration.
/// </summary>
internal static class FakeClocks
{
    private static readonly ConcurrentDictionary<string, FakeTimeProvider> Clocks = new();

    public static string Register(FakeTimeProvider clock)
    {
        var id = Guid.NewGuid().ToString("N");
        Clocks[id] = clock;
        return id;
    }

    public static FakeTimeProvider Get(string id) => Clocks[id];

    public static void Remove(string id) => Clocks.TryRemove(id, out _);
}
