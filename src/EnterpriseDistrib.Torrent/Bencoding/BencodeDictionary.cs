using System.Buffers;
using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace EnterpriseDistrib.Torrent.Bencoding;

/// <summary>A bencoded dictionary (<c>d...e</c>): byte-string keys in ascending raw-byte order, each with a value.</summary>
public sealed class BencodeDictionary : BencodeValue, IReadOnlyCollection<KeyValuePair<BencodeString, BencodeValue>>
{
    // Sorted by key bytes (the decoder checks the order, From sorts), so lookups are a binary search.
    private readonly ImmutableArray<KeyValuePair<BencodeString, BencodeValue>> _entries;

    internal BencodeDictionary(
        ReadOnlyMemory<byte> raw,
        ImmutableArray<KeyValuePair<BencodeString, BencodeValue>> sortedEntries,
        int sourceOffset)
        : base(raw, sourceOffset)
    {
        _entries = sortedEntries;
    }

    private BencodeDictionary(ImmutableArray<KeyValuePair<BencodeString, BencodeValue>> sortedEntries)
    {
        _entries = sortedEntries;
    }

    public int Count => _entries.Length;

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [NotNullWhen(true)] out BencodeValue? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var written = Encoding.UTF8.GetBytes(key, buffer);
            return TryGetValue(buffer[..written], out value);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public bool TryGetValue(ReadOnlySpan<byte> key, [NotNullWhen(true)] out BencodeValue? value)
    {
        var low = 0;
        var high = _entries.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var comparison = _entries[middle].Key.Bytes.Span.SequenceCompareTo(key);
            if (comparison == 0)
            {
                value = _entries[middle].Value;
                return true;
            }

            if (comparison < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        value = null;
        return false;
    }

    /// <summary>The string at <paramref name="key"/>; null when absent, <see cref="BencodeException"/> when present with another type.</summary>
    public BencodeString? GetString(string key) => Get<BencodeString>(key, "a string");

    /// <summary>The integer at <paramref name="key"/>; null when absent, <see cref="BencodeException"/> when present with another type.</summary>
    public long? GetInteger(string key) => Get<BencodeInteger>(key, "an integer")?.Value;

    /// <summary>The list at <paramref name="key"/>; null when absent, <see cref="BencodeException"/> when present with another type.</summary>
    public BencodeList? GetList(string key) => Get<BencodeList>(key, "a list");

    /// <summary>The dictionary at <paramref name="key"/>; null when absent, <see cref="BencodeException"/> when present with another type.</summary>
    public BencodeDictionary? GetDictionary(string key) => Get<BencodeDictionary>(key, "a dictionary");

    /// <summary>Builds a dictionary from UTF-8 keys; entries are kept in canonical (raw-byte) order whatever the input order.</summary>
    public static BencodeDictionary From(IEnumerable<KeyValuePair<string, BencodeValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return From(entries.Select(entry => KeyValuePair.Create(BencodeString.From(entry.Key), entry.Value)));
    }

    /// <summary>Builds a dictionary from byte-string keys; entries are kept in canonical (raw-byte) order.</summary>
    public static BencodeDictionary From(IEnumerable<KeyValuePair<BencodeString, BencodeValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var array = entries.ToArray();
        foreach (var entry in array)
        {
            ArgumentNullException.ThrowIfNull(entry.Key, nameof(entries));
            ArgumentNullException.ThrowIfNull(entry.Value, nameof(entries));
        }

        Array.Sort(array, static (left, right) => left.Key.Bytes.Span.SequenceCompareTo(right.Key.Bytes.Span));
        for (var i = 1; i < array.Length; i++)
        {
            if (array[i - 1].Key.Bytes.Span.SequenceEqual(array[i].Key.Bytes.Span))
            {
                throw new ArgumentException($"The key '{array[i].Key}' appears more than once.", nameof(entries));
            }
        }

        return new BencodeDictionary(ImmutableArray.Create(array));
    }

    /// <summary>Entries in canonical order.</summary>
    public ImmutableArray<KeyValuePair<BencodeString, BencodeValue>>.Enumerator GetEnumerator() => _entries.GetEnumerator();

    IEnumerator<KeyValuePair<BencodeString, BencodeValue>> IEnumerable<KeyValuePair<BencodeString, BencodeValue>>.GetEnumerator() =>
        ((IEnumerable<KeyValuePair<BencodeString, BencodeValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)_entries).GetEnumerator();

    private T? Get<T>(string key, string expected)
        where T : BencodeValue
    {
        if (!TryGetValue(key, out var value))
        {
            return null;
        }

        if (value is T typed)
        {
            return typed;
        }

        throw new BencodeException(
            Math.Max(value.SourceOffset, 0),
            BencodeRules.WrongType,
            $"'{key}' should be {expected}, not {Describe(value)}");
    }

    internal static string Describe(BencodeValue value) => value switch
    {
        BencodeString => "a string",
        BencodeInteger => "an integer",
        BencodeList => "a list",
        _ => "a dictionary",
    };
}
