namespace EnterpriseDistrib.ControlPlane.Abstractions;

/// <summary>What happened to a submitted batch once written: how many reports changed a status row and how many were older or unknown.</summary>
[GenerateSerializer, Immutable]
public sealed record IngestReceipt(
    [property: Id(0)] int Received,
    [property: Id(1)] int BatchSize,
    [property: Id(2)] int BatchApplied);
