using EnterpriseDistrib.Catalog;

namespace EnterpriseDistrib.Server.Api;

/// <summary>One page of a list: the items, how many match in all, and where this page starts.</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, int Total, int Skip, int Take)
{
    internal static PageResponse<T> From<TSource>(Page<TSource> page, Func<TSource, T> map) =>
        new(page.Items.Select(map).ToList(), page.Total, page.Skip, page.Take);
}
