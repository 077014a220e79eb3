namespace EnterpriseDistrib.Torrent.Storage;

/// <summary>How a <see cref="PieceStorage"/> opens its files.</summary>
public sealed record PieceStorageOptions
{
    private readonly int _maxOpenFiles = 64;

    public static PieceStorageOptions Default { get; } = new();

    /// <summary>Most file handles kept open at once; older ones are closed when more are needed.</summary>
    public int MaxOpenFiles
    {
        get => _maxOpenFiles;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxOpenFiles = value;
        }
    }

    /// <summary>
    /// Write whole aligned runs of pieces around the page cache (Linux <c>O_DIRECT</c>) where the file system allows;
    /// see <see cref="DirectIo"/>. Off: every write is buffered.
    /// </summary>
    public bool DirectWrites { get; init; } = true;

    /// <summary>Open files for reading only (seeding from content that must not change); writes are refused.</summary>
    public bool ReadOnly { get; init; }
}
