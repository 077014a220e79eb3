namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>How two ranges overlap (CIDR ranges either nest or are disjoint).</summary>
public enum OverlapKind
{
    /// <summary>The same range twice: which site wins is arbitrary, so admins must fix it.</summary>
    Identical = 1,

    /// <summary>One range inside another: the narrower one wins by longest prefix, often on purpose (a branch inside a region).</summary>
    Nested = 2,
}
