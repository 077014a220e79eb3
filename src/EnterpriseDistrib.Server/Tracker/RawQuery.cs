namespace EnterpriseDistrib.Server.Tracker;

/// <summary>
/// Walks a raw, still percent-encoded query string (<c>?a=1&amp;b=%ff</c>) without decoding it as text:
/// BitTorrent puts binary in <c>info_hash</c> and <c>peer_id</c>, which a UTF-8 decoder would mangle.
/// </summary>
internal readonly ref struct RawQuery(ReadOnlySpan<char> query)
{
    private readonly ReadOnlySpan<char> _query = query.StartsWith('?') ? query[1..] : query;

    public Enumerator GetEnumerator() => new(_query);

    /// <summary>Percent-decodes <paramref name="value"/> (and '+' as space) into bytes; false when malformed or too long.</summary>
    public static bool TryDecode(ReadOnlySpan<char> value, Span<byte> destination, out int length)
    {
        length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (length == destination.Length)
            {
                return false;
            }

            var c = value[i];
            if (c == '%')
            {
                if (i + 2 >= value.Length || !IsHex(value[i + 1]) || !IsHex(value[i + 2]))
                {
                    return false;
                }

                destination[length++] = (byte)((Hex(value[i + 1]) << 4) | Hex(value[i + 2]));
                i += 2;
            }
            else if (c > 0x7f)
            {
                return false;
            }
            else
            {
                destination[length++] = c == '+' ? (byte)' ' : (byte)c;
            }
        }

        return true;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    public ref struct Enumerator(ReadOnlySpan<char> rest)
    {
        private ReadOnlySpan<char> _rest = rest;

        public QueryPair Current { get; private set; }

        public bool MoveNext()
        {
            while (!_rest.IsEmpty)
            {
                var end = _rest.IndexOf('&');
                var pair = end < 0 ? _rest : _rest[..end];
                _rest = end < 0 ? [] : _rest[(end + 1)..];
                if (pair.IsEmpty)
                {
                    continue;
                }

                var equals = pair.IndexOf('=');
                Current = equals < 0 ? new QueryPair(pair, []) : new QueryPair(pair[..equals], pair[(equals + 1)..]);
                return true;
            }

            return false;
        }
    }
}

/// <summary>One <c>name=value</c> of a raw query, both still percent-encoded.</summary>
internal readonly ref struct QueryPair(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
{
    public ReadOnlySpan<char> Name { get; } = name;

    public ReadOnlySpan<char> Value { get; } = value;

    public void Deconstruct(out ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
    {
        name = Name;
        value = Value;
    }
}
