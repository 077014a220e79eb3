namespace EnterpriseDistrib.Cluster.Tests.Grains;

/// <summary>See <see cref="ICounterGrain"/>; the state goes to the storage provider named <see cref="StorageName"/>.</summary>
public sealed class CounterGrain([PersistentState("counter", CounterGrain.StorageName)] IPersistentState<CounterState> counter)
    : Grain, ICounterGrain
{
    public const string StorageName = "edist";

    public async Task<int> Add(int amount)
    {
        counter.State.Value += amount;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<int> Get() => Task.FromResult(counter.State.Value);

    public Task<string> Host() => Task.FromResult(RuntimeIdentity);
}
