using System.Runtime.InteropServices;

namespace EnterpriseDistrib.Torrent.Storage;

/// <summary>
/// A buffer whose first byte sits on a <see cref="DirectIo.Alignment"/> boundary and never moves (a pinned-heap
/// array), so a whole piece assembled in it can be written with <see cref="DirectIo"/>.
/// </summary>
internal sealed class AlignedBuffer
{
    private readonly byte[] _array;
    private readonly int _offset;

    public AlignedBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _array = GC.AllocateUninitializedArray<byte>(capacity + DirectIo.Alignment, pinned: true);
        var address = (long)Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0);
        _offset = (int)((DirectIo.Alignment - (address % DirectIo.Alignment)) % DirectIo.Alignment);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public Memory<byte> Memory => _array.AsMemory(_offset, Capacity);

    public Span<byte> Span => _array.AsSpan(_offset, Capacity);

    /// <summary>
    /// Whether <paramref name="data"/> starts on an aligned address now. Memory that can move (an ordinary array) may
    /// be unaligned by the time it is written; the write then fails with EINVAL and is redone buffered.
    /// </summary>
    public static bool IsAligned(ReadOnlyMemory<byte> data)
    {
        if (!MemoryMarshal.TryGetArray(data, out var segment) || segment.Array is null)
        {
            return false;
        }

        return (long)Marshal.UnsafeAddrOfPinnedArrayElement(segment.Array, segment.Offset) % DirectIo.Alignment == 0;
    }
}
