using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.ControlPlane.Abstractions;

/// <summary>Cumulative bytes an agent received from one class of source (and site, for peers).</summary>
[GenerateSerializer, Immutable]
public sealed record TransferTotalMessage(
    [property: Id(0)] TransferSourceClass SourceClass,
    [property: Id(1)] Guid? SourceSiteId,
    [property: Id(2)] long Bytes);
