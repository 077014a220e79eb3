namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>
/// Where a version's content is on its way to the origin. Only <see cref="Available"/> content is seeded
/// and may be rolled out; the rest are steps of publishing or its failure.
/// </summary>
public enum PackageContentState
{
    /// <summary>The .torrent is registered; no byte of content has arrived.</summary>
    Registered = 0,

    /// <summary>At least one upload of the content has started and the content is not yet complete.</summary>
    Uploading = 1,

    /// <summary>Every byte has arrived; the origin is checking every piece against the torrent's hashes.</summary>
    Verifying = 2,

    /// <summary>Every piece verified: the origin seeds it and rollouts may use it.</summary>
    Available = 3,

    /// <summary>Some pieces did not match their hash; the problem names them and the ranges to send again.</summary>
    Refused = 4,
}
