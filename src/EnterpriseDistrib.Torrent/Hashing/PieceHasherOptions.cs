namespace EnterpriseDistrib.Torrent.Hashing;

/// <summary>How much of the machine piece hashing may use.</summary>
public sealed record PieceHasherOptions
{
    /// <summary>Default read size: big enough to amortise the system call, small enough to stay in the CPU cache until hashed.</summary>
    internal const int DefaultReadBlockSize = 1 << 20;

    private readonly int _maxParallelism = Environment.ProcessorCount;
    private readonly int _readBlockSize = DefaultReadBlockSize;

    public static PieceHasherOptions Default { get; } = new();

    /// <summary>How many workers read and hash at once; each owns one read buffer.</summary>
    public int MaxParallelism
    {
        get => _maxParallelism;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxParallelism = value;
        }
    }

    /// <summary>Bytes one worker reads per system call (also its buffer size); tuned by the hashing benchmark.</summary>
    internal int ReadBlockSize
    {
        get => _readBlockSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 4096);
            _readBlockSize = value;
        }
    }
}
