using System.Collections.Immutable;

namespace EnterpriseDistrib.Torrent.Bencoding;

/// <summary>One decoding pass over an input; see <see cref="BencodeDecoder"/> for the rules.</summary>
internal sealed class BencodeParser(ReadOnlyMemory<byte> input, BencodeLimits limits)
{
    private readonly ReadOnlyMemory<byte> _input = input;
    private readonly BencodeLimits _limits = limits;
    private readonly List<Frame> _open = [];
    private int _position;
    private int _items;

    public BencodeValue ParseValue(out int consumed)
    {
        var span = _input.Span;
        while (true)
        {
            if (_position >= span.Length)
            {
                throw Error(_position, BencodeRules.Truncated, _open.Count == 0 ? "the input is empty" : "the input ends inside a list or dictionary");
            }

            var top = _open.Count > 0 ? _open[^1] : null;
            var current = span[_position];
            BencodeValue value;
            if (top is { IsDictionary: true, PendingKey: null } && current != (byte)'e')
            {
                if (!IsDigit(current))
                {
                    throw Error(_position, BencodeRules.DictionaryKeyNotString, $"a dictionary key must be a string, found '{Show(current)}'");
                }

                top.PendingKey = ReadKey(top);
                continue;
            }

            switch (current)
            {
                case (byte)'e' when top is not null:
                    if (top.PendingKey is not null)
                    {
                        throw Error(_position, BencodeRules.DictionaryMissingValue, $"the key '{top.PendingKey}' has no value");
                    }

                    _position++;
                    _open.RemoveAt(_open.Count - 1);
                    value = top.Close(_input[top.Start.._position]);
                    break;
                case (byte)'i':
                    value = ReadInteger();
                    break;
                case (byte)'l' or (byte)'d':
                    if (_open.Count >= _limits.MaxDepth)
                    {
                        throw Error(_position, BencodeRules.TooDeep, $"more than {_limits.MaxDepth} nested lists and dictionaries");
                    }

                    CountItem();
                    _open.Add(new Frame(_position, current == (byte)'d'));
                    _position++;
                    continue;
                default:
                    if (!IsDigit(current))
                    {
                        throw Error(_position, BencodeRules.UnexpectedByte, $"'{Show(current)}' does not start a value");
                    }

                    value = ReadString();
                    break;
            }

            if (_open.Count == 0)
            {
                consumed = _position;
                return value;
            }

            _open[^1].Add(value);
        }
    }

    private BencodeString ReadKey(Frame dictionary)
    {
        var key = ReadString();
        if (dictionary.LastKey is { } previous)
        {
            var order = previous.Bytes.Span.SequenceCompareTo(key.Bytes.Span);
            if (order == 0)
            {
                throw Error(key.SourceOffset, BencodeRules.DictionaryKeyDuplicate, $"the key '{key}' appears twice");
            }

            if (order > 0)
            {
                throw Error(key.SourceOffset, BencodeRules.DictionaryKeysUnsorted, $"the key '{key}' comes after '{previous}' but sorts before it");
            }
        }

        return key;
    }

    private BencodeInteger ReadInteger()
    {
        var span = _input.Span;
        var start = _position;
        var position = start + 1;
        var negative = position < span.Length && span[position] == (byte)'-';
        if (negative)
        {
            position++;
        }

        var firstDigit = position;
        ulong magnitude = 0;
        var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        while (position < span.Length && IsDigit(span[position]))
        {
            var digit = (ulong)(span[position] - '0');
            if (magnitude > (limit - digit) / 10)
            {
                throw Error(start, BencodeRules.IntegerOverflow, "the integer does not fit in 64 bits");
            }

            magnitude = (magnitude * 10) + digit;
            position++;
        }

        if (position >= span.Length)
        {
            throw Error(position, BencodeRules.Truncated, "the input ends inside an integer");
        }

        if (span[position] != (byte)'e')
        {
            throw Error(position, BencodeRules.UnexpectedByte, $"'{Show(span[position])}' inside an integer");
        }

        var digits = position - firstDigit;
        if (digits == 0)
        {
            throw Error(start, BencodeRules.IntegerEmpty, "an integer needs at least one digit");
        }

        if (span[firstDigit] == (byte)'0')
        {
            if (negative)
            {
                throw Error(start, BencodeRules.IntegerNegativeZero, "'-0' is not canonical");
            }

            if (digits > 1)
            {
                throw Error(start, BencodeRules.IntegerLeadingZero, "integers have no leading zeros");
            }
        }

        CountItem();
        _position = position + 1;
        var value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return new BencodeInteger(_input[start.._position], value, start);
    }

    private BencodeString ReadString()
    {
        var span = _input.Span;
        var start = _position;
        var position = start;
        long length = 0;
        while (position < span.Length && IsDigit(span[position]))
        {
            length = (length * 10) + (span[position] - '0');
            position++;

            // Stop at once when the declared length cannot be in the input, before it can overflow.
            if (length > span.Length)
            {
                throw Error(start, BencodeRules.StringLengthExceedsInput, "the declared string length is longer than the input");
            }
        }

        if (position >= span.Length)
        {
            throw Error(position, BencodeRules.Truncated, "the input ends inside a string length");
        }

        if (span[position] != (byte)':')
        {
            throw Error(position, BencodeRules.UnexpectedByte, $"'{Show(span[position])}' inside a string length");
        }

        if (span[start] == (byte)'0' && position - start > 1)
        {
            throw Error(start, BencodeRules.StringLengthLeadingZero, "string lengths have no leading zeros");
        }

        var contentStart = position + 1;
        if (length > span.Length - contentStart)
        {
            throw Error(start, BencodeRules.StringLengthExceedsInput, $"the string declares {length} bytes but only {span.Length - contentStart} remain");
        }

        if (length > _limits.MaxStringLength)
        {
            throw Error(start, BencodeRules.StringTooLong, $"a string of {length} bytes is longer than the limit of {_limits.MaxStringLength}");
        }

        CountItem();
        _position = contentStart + (int)length;
        return new BencodeString(_input[start.._position], _input[contentStart.._position], start);
    }

    private void CountItem()
    {
        if (++_items > _limits.MaxItems)
        {
            throw Error(_position, BencodeRules.TooManyItems, $"more than {_limits.MaxItems} values");
        }
    }

    private static bool IsDigit(byte value) => value is >= (byte)'0' and <= (byte)'9';

    private static string Show(byte value) => value is >= 0x20 and < 0x7f ? ((char)value).ToString() : $"0x{value:x2}";

    private static BencodeException Error(long offset, string rule, string detail) => new(offset, rule, detail);

    /// <summary>A list or dictionary whose end has not been read yet.</summary>
    private sealed class Frame(int start, bool isDictionary)
    {
        private readonly List<BencodeValue>? _items = isDictionary ? null : [];
        private readonly List<KeyValuePair<BencodeString, BencodeValue>>? _entries = isDictionary ? [] : null;

        public int Start { get; } = start;

        public bool IsDictionary { get; } = isDictionary;

        public BencodeString? PendingKey { get; set; }

        public BencodeString? LastKey => _entries is { Count: > 0 } ? _entries[^1].Key : null;

        public void Add(BencodeValue value)
        {
            if (_entries is not null)
            {
                _entries.Add(KeyValuePair.Create(PendingKey!, value));
                PendingKey = null;
            }
            else
            {
                _items!.Add(value);
            }
        }

        public BencodeValue Close(ReadOnlyMemory<byte> raw) => _entries is not null
            ? new BencodeDictionary(raw, [.. _entries], Start)
            : new BencodeList(raw, [.. _items!], Start);
    }
}
