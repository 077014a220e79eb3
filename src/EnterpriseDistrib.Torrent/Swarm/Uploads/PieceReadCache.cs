using System.Buffers;
using EnterpriseDistrib.Torrent.Storage;

namespace EnterpriseDistrib.Torrent.Swarm.Uploads;

/// <summary>
/// Whole pieces read once from disk (one read per piece instead of one per 16 KiB block) and shared by
/// every peer asking for blocks of them, in pooled buffers; the least recently used piece nobody is
/// reading from is dropped when the cache is full.
/// </summary>
/// <param name="whenWritten">Completes once a piece is on disk; a piece verified but still queued for writing is read only after.</param>
internal sealed class PieceReadCache(PieceStorage storage, int capacity, Func<int, Task> whenWritten) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Entry> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private bool _disposed;

    /// <summary>Returns the piece's bytes, reading them if no one has lately; dispose the lease when done.</summary>
    public async ValueTask<Lease> AcquireAsync(int piece, CancellationToken cancellationToken)
    {
        Entry entry;
        bool load;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            load = !_entries.TryGetValue(piece, out entry!);
            if (load)
            {
                EvictLocked();
                entry = new Entry(piece, storage.Layout.GetPieceSize(piece));
                entry.Node = _recency.AddFirst(entry);
                _entries.Add(piece, entry);
            }
            else
            {
                _recency.Remove(entry.Node!);
                _recency.AddFirst(entry.Node!);
            }

            entry.Users++;
        }

        try
        {
            if (load)
            {
                entry.Loading = LoadAsync(entry, cancellationToken);
                entry.Ready.TrySetResult();
            }

            await entry.Ready.Task.ConfigureAwait(false);
            await entry.Loading!.ConfigureAwait(false);
            return new Lease(this, entry);
        }
        catch
        {
            Release(entry, failed: true);
            throw;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var entry in _entries.Values.Where(e => e.Users == 0).ToList())
            {
                RemoveLocked(entry);
            }
        }
    }

    /// <summary>
    /// Caches a piece just verified in memory, pinned until <see cref="Unpin"/> (its write is done), so
    /// peers can have it before it reaches the disk.
    /// </summary>
    public void InsertPinned(int piece, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (_disposed || _entries.ContainsKey(piece))
            {
                return;
            }

            EvictLocked();
            var entry = new Entry(piece, data.Length) { Users = 1, Pinned = true, Loading = Task.CompletedTask };
            data.CopyTo(entry.Buffer);
            entry.Ready.TrySetResult();
            entry.Node = _recency.AddFirst(entry);
            _entries.Add(piece, entry);
        }
    }

    public void Unpin(int piece)
    {
        Entry? entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(piece, out entry) || !entry.Pinned)
            {
                return;
            }

            entry.Pinned = false;
        }

        Release(entry);
    }

    private async Task LoadAsync(Entry entry, CancellationToken cancellationToken)
    {
        await whenWritten(entry.Piece).WaitAsync(cancellationToken).ConfigureAwait(false);
        var read = await storage.ReadPieceAsync(entry.Piece, entry.Buffer.AsMemory(0, entry.Length), cancellationToken).ConfigureAwait(false);
        if (read < entry.Length)
        {
            throw new IOException($"Piece {entry.Piece} is short on disk ({read} of {entry.Length} bytes).");
        }
    }

    private void Release(Entry entry, bool failed = false)
    {
        lock (_gate)
        {
            entry.Users--;
            if (failed && _entries.TryGetValue(entry.Piece, out var current) && current == entry)
            {
                // A failed read is not cached: the next request tries the disk again.
                _entries.Remove(entry.Piece);
                _recency.Remove(entry.Node!);
                entry.Orphaned = true;
            }

            if (entry.Users == 0 && (entry.Orphaned || _disposed))
            {
                ArrayPool<byte>.Shared.Return(entry.Buffer);
            }
        }
    }

    private void EvictLocked()
    {
        var node = _recency.Last;
        while (_entries.Count >= capacity && node is not null)
        {
            var previous = node.Previous;
            if (node.Value.Users == 0)
            {
                RemoveLocked(node.Value);
            }

            node = previous;
        }
    }

    private void RemoveLocked(Entry entry)
    {
        _entries.Remove(entry.Piece);
        _recency.Remove(entry.Node!);
        ArrayPool<byte>.Shared.Return(entry.Buffer);
    }

    /// <summary>One reader's hold on a cached piece.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly PieceReadCache _cache;
        private readonly Entry _entry;

        internal Lease(PieceReadCache cache, Entry entry)
        {
            _cache = cache;
            _entry = entry;
        }

        public int Piece => _entry.Piece;

        public ReadOnlySpan<byte> Data => _entry.Buffer.AsSpan(0, _entry.Length);

        /// <summary>A block of the piece as a segment of the cached buffer, valid while the lease is held.</summary>
        public ArraySegment<byte> Slice(int offset, int length) => new(_entry.Buffer, offset, length);

        public void Dispose() => _cache?.Release(_entry);
    }

    internal sealed class Entry(int piece, int length)
    {
        public int Piece { get; } = piece;

        public int Length { get; } = length;

        public byte[] Buffer { get; } = ArrayPool<byte>.Shared.Rent(length);

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task? Loading { get; set; }

        public LinkedListNode<Entry>? Node { get; set; }

        public int Users { get; set; }

        public bool Orphaned { get; set; }

        public bool Pinned { get; set; }
    }
}
