namespace EnterpriseDistrib.Cluster.Tests.Grains;

/// <summary>A counter whose value lives in the AdoNet grain storage, so it outlives the silo that hosted it.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="amount"/>, writes the state, and returns the new value.</summary>
    Task<int> Add(int amount);

    /// <summary>The value as read from storage when this activation started (plus its own additions).</summary>
    Task<int> Get();

    /// <summary>The silo this activation runs on (its <c>SiloAddress</c> as text).</summary>
    Task<string> Host();
}
