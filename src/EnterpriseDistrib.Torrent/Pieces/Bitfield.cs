using System.Numerics;

namespace EnterpriseDistrib.Torrent.Pieces;

/// <summary>
/// A set of piece indexes in BEP 3's bitfield layout: piece 0 is the high bit of byte 0, spare bits at
/// the end are zero. Not thread-safe; owners synchronise.
/// </summary>
public sealed class Bitfield
{
    private readonly byte[] _bytes;

    public Bitfield(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _bytes = new byte[ByteCountFor(length)];
    }

    private Bitfield(int length, byte[] bytes, int trueCount)
    {
        Length = length;
        _bytes = bytes;
        TrueCount = trueCount;
    }

    /// <summary>The number of pieces this bitfield covers.</summary>
    public int Length { get; }

    /// <summary>The number of pieces set.</summary>
    public int TrueCount { get; private set; }

    public bool AllSet => TrueCount == Length;

    public bool NoneSet => TrueCount == 0;

    /// <summary>The raw bytes in wire order.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    public static int ByteCountFor(int length) => (length + 7) / 8;

    /// <summary>
    /// Reads a bitfield as sent on the wire. BEP 3: the payload must be exactly ⌈length/8⌉ bytes and
    /// "spare bits at the end are set to zero"; anything else is a protocol violation.
    /// </summary>
    public static bool TryFromWire(ReadOnlySpan<byte> payload, int length, out Bitfield? bitfield)
    {
        bitfield = null;
        if (length < 0 || payload.Length != ByteCountFor(length))
        {
            return false;
        }

        var spareBits = (payload.Length * 8) - length;
        if (spareBits > 0 && (payload[^1] & ((1 << spareBits) - 1)) != 0)
        {
            return false;
        }

        var bytes = payload.ToArray();
        var count = 0;
        foreach (var b in bytes)
        {
            count += BitOperations.PopCount(b);
        }

        bitfield = new Bitfield(length, bytes, count);
        return true;
    }

    public static Bitfield AllTrue(int length)
    {
        var bitfield = new Bitfield(length);
        bitfield.SetAll();
        return bitfield;
    }

    public bool this[int index]
    {
        get
        {
            CheckIndex(index);
            return (_bytes[index >> 3] & (0x80 >> (index & 7))) != 0;
        }
    }

    /// <summary>Sets a piece; returns false when it was already set.</summary>
    public bool Set(int index)
    {
        CheckIndex(index);
        ref var b = ref _bytes[index >> 3];
        var mask = (byte)(0x80 >> (index & 7));
        if ((b & mask) != 0)
        {
            return false;
        }

        b |= mask;
        TrueCount++;
        return true;
    }

    /// <summary>Clears a piece; returns false when it was not set.</summary>
    public bool Clear(int index)
    {
        CheckIndex(index);
        ref var b = ref _bytes[index >> 3];
        var mask = (byte)(0x80 >> (index & 7));
        if ((b & mask) == 0)
        {
            return false;
        }

        b &= (byte)~mask;
        TrueCount--;
        return true;
    }

    public void SetAll()
    {
        Array.Fill(_bytes, (byte)0xFF);
        var spareBits = (_bytes.Length * 8) - Length;
        if (spareBits > 0)
        {
            _bytes[^1] = (byte)(0xFF << spareBits);
        }

        TrueCount = Length;
    }

    public Bitfield Clone() => new(Length, (byte[])_bytes.Clone(), TrueCount);

    /// <summary>The indexes set, in ascending order.</summary>
    public IEnumerable<int> SetIndexes()
    {
        for (var i = 0; i < Length; i++)
        {
            if ((_bytes[i >> 3] & (0x80 >> (i & 7))) != 0)
            {
                yield return i;
            }
        }
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"A bitfield of {Length} pieces has no piece {index}.");
        }
    }
}
