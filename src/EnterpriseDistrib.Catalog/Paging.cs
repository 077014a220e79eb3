namespace EnterpriseDistrib.Catalog;

/// <summary>Bounds every list query so no request can ask for the whole fleet at once.</summary>
public static class Paging
{
    public const int DefaultTake = 100;
    public const int MaxTake = 1000;

    /// <summary>Clamps skip to ≥ 0 and take to 1..<see cref="MaxTake"/>.</summary>
    public static (int Skip, int Take) Clamp(int skip, int take) =>
        (Math.Max(0, skip), take <= 0 ? DefaultTake : Math.Min(take, MaxTake));
}
