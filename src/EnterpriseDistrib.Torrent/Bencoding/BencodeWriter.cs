using System.Buffers;
using System.Text;

namespace EnterpriseDistrib.Torrent.Bencoding;

/// <summary>
/// A forward-only canonical writer for hot paths (tracker responses, extension handshakes): values go
/// straight to <paramref name="output"/>, and dictionary keys must be written in strictly ascending order.
/// </summary>
public sealed class BencodeWriter(IBufferWriter<byte> output)
{
    private readonly IBufferWriter<byte> _output = output ?? throw new ArgumentNullException(nameof(output));
    private readonly List<Level> _levels = [];

    // The current key of every open dictionary, one after the other, to check the next key's order
    // without allocating per key.
    private byte[] _keys = new byte[256];
    private int _keysLength;

    /// <summary>Nesting depth of the lists and dictionaries not yet ended.</summary>
    public int Depth => _levels.Count;

    public void WriteInteger(long value)
    {
        BeforeValue();
        BencodeEncoder.WriteInteger(value, _output);
    }

    public void WriteString(ReadOnlySpan<byte> value)
    {
        BeforeValue();
        BencodeEncoder.WriteString(value, _output);
    }

    public void WriteString(string utf8)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        BeforeValue();
        WriteUtf8(utf8);
    }

    public void WriteStartList()
    {
        BeforeValue();
        BencodeEncoder.WriteByte((byte)'l', _output);
        _levels.Add(new Level(IsDictionary: false, KeyStart: _keysLength, KeyLength: -1, AwaitingValue: false));
    }

    public void WriteStartDictionary()
    {
        BeforeValue();
        BencodeEncoder.WriteByte((byte)'d', _output);
        _levels.Add(new Level(IsDictionary: true, KeyStart: _keysLength, KeyLength: -1, AwaitingValue: false));
    }

    public void WriteEnd()
    {
        if (_levels.Count == 0)
        {
            throw new InvalidOperationException("There is no open list or dictionary to end.");
        }

        var level = _levels[^1];
        if (level.AwaitingValue)
        {
            throw new InvalidOperationException("A dictionary key was written without a value.");
        }

        _levels.RemoveAt(_levels.Count - 1);
        _keysLength = level.KeyStart;
        BencodeEncoder.WriteByte((byte)'e', _output);
    }

    public void WriteKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            WriteKey(buffer[..Encoding.UTF8.GetBytes(key, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes a key of the open dictionary; throws <see cref="InvalidOperationException"/> unless it sorts after the previous key.</summary>
    public void WriteKey(ReadOnlySpan<byte> key)
    {
        if (_levels.Count == 0 || !_levels[^1].IsDictionary)
        {
            throw new InvalidOperationException("A key can only be written inside a dictionary.");
        }

        var level = _levels[^1];
        if (level.AwaitingValue)
        {
            throw new InvalidOperationException("The previous key has no value yet.");
        }

        if (level.KeyLength >= 0 && _keys.AsSpan(level.KeyStart, level.KeyLength).SequenceCompareTo(key) >= 0)
        {
            throw new InvalidOperationException(
                $"Dictionary keys must be strictly ascending: '{Encoding.UTF8.GetString(key)}' does not sort after '{Encoding.UTF8.GetString(_keys.AsSpan(level.KeyStart, level.KeyLength))}'.");
        }

        if (level.KeyStart + key.Length > _keys.Length)
        {
            Array.Resize(ref _keys, Math.Max(_keys.Length * 2, level.KeyStart + key.Length));
        }

        key.CopyTo(_keys.AsSpan(level.KeyStart));
        _keysLength = level.KeyStart + key.Length;
        _levels[^1] = level with { KeyLength = key.Length, AwaitingValue = true };
        BencodeEncoder.WriteString(key, _output);
    }

    private void BeforeValue()
    {
        if (_levels.Count == 0)
        {
            return;
        }

        var level = _levels[^1];
        if (level.IsDictionary)
        {
            if (!level.AwaitingValue)
            {
                throw new InvalidOperationException("Inside a dictionary, write a key before each value.");
            }

            _levels[^1] = level with { AwaitingValue = false };
        }
    }

    private void WriteUtf8(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var span = _output.GetSpan(11);
        System.Buffers.Text.Utf8Formatter.TryFormat(length, span, out var written);
        span[written] = (byte)':';
        _output.Advance(written + 1);
        var destination = _output.GetSpan(length);
        Encoding.UTF8.GetBytes(text, destination);
        _output.Advance(length);
    }

    private readonly record struct Level(bool IsDictionary, int KeyStart, int KeyLength, bool AwaitingValue);
}
