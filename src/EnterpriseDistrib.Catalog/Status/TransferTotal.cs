using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.Catalog.Status;

/// <summary>Cumulative bytes an agent received from one class of source; <see cref="SourceSiteId"/> null for the origin or an unknown peer.</summary>
public sealed record TransferTotal(TransferSourceClass SourceClass, Guid? SourceSiteId, long Bytes);
