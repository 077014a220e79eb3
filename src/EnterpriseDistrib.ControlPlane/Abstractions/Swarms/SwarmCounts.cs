namespace EnterpriseDistrib.ControlPlane.Abstractions.Swarms;

/// <summary>BEP 48 scrape counters of one swarm.</summary>
/// <param name="Complete">Live seeds.</param>
/// <param name="Incomplete">Live partial peers.</param>
/// <param name="Downloaded">Completed downloads reported with <c>event=completed</c> since the swarm was activated.</param>
[GenerateSerializer, Immutable]
public sealed record SwarmCounts([property: Id(0)] int Complete, [property: Id(1)] int Incomplete, [property: Id(2)] long Downloaded);
