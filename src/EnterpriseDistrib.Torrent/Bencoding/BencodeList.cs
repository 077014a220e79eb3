using System.Collections;
using System.Collections.Immutable;

namespace EnterpriseDistrib.Torrent.Bencoding;

/// <summary>A bencoded list (<c>l...e</c>).</summary>
public sealed class BencodeList : BencodeValue, IReadOnlyList<BencodeValue>
{
    private readonly ImmutableArray<BencodeValue> _items;

    internal BencodeList(ReadOnlyMemory<byte> raw, ImmutableArray<BencodeValue> items, int sourceOffset)
        : base(raw, sourceOffset)
    {
        _items = items;
    }

    private BencodeList(ImmutableArray<BencodeValue> items)
    {
        _items = items;
    }

    public int Count => _items.Length;

    public BencodeValue this[int index] => _items[index];

    public static BencodeList From(IEnumerable<BencodeValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToImmutableArray();
        foreach (var item in array)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        }

        return new BencodeList(array);
    }

    public ImmutableArray<BencodeValue>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<BencodeValue> IEnumerable<BencodeValue>.GetEnumerator() => ((IEnumerable<BencodeValue>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)_items).GetEnumerator();
}
