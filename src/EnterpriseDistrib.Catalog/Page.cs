namespace EnterpriseDistrib.Catalog;

/// <summary>One page of a list query and the total number of matching items.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Skip, int Take);
