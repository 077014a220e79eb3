namespace EnterpriseDistrib.Cluster.Tests.Grains;

/// <summary>The state <see cref="CounterGrain"/> keeps in AdoNet grain storage.</summary>
[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }
}
