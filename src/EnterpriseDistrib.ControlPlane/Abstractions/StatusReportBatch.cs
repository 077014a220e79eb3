using System.Collections.Immutable;

namespace EnterpriseDistrib.ControlPlane.Abstractions;

/// <summary>The reports of one agent request, already validated and stamped with the agent and its site.</summary>
[GenerateSerializer, Immutable]
public sealed record StatusReportBatch([property: Id(0)] ImmutableArray<StatusReportMessage> Reports);
