using Microsoft.Win32.SafeHandles;

namespace EnterpriseDistrib.Torrent.Storage;

/// <summary>
/// Keeps up to a bounded number of a torrent's files open while it is active, closing the least
/// recently used. A handle in use by a read or write (a lease) is never closed under it: eviction
/// only marks it, and the last lease closes it.
/// </summary>
internal sealed class FileHandleCache : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Entry> _entries = [];
    private readonly LinkedList<Entry> _recent = new();
    private readonly int _capacity;
    private readonly Func<int, bool, SafeFileHandle?> _open;
    private bool _disposed;

    /// <param name="open">Opens file <c>index</c>, creating it when the flag says so; null when it does not exist.</param>
    public FileHandleCache(int capacity, Func<int, bool, SafeFileHandle?> open)
    {
        _capacity = capacity;
        _open = open;
    }

    public int OpenCount
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>A handle to file <paramref name="fileIndex"/>, or null when it does not exist and <paramref name="create"/> is false.</summary>
    public Lease? Acquire(int fileIndex, bool create)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_entries.TryGetValue(fileIndex, out var entry))
            {
                _recent.Remove(entry.Node);
                _recent.AddFirst(entry.Node);
            }
            else
            {
                var handle = _open(fileIndex, create);
                if (handle is null)
                {
                    return null;
                }

                entry = new Entry(fileIndex, handle);
                _entries.Add(fileIndex, entry);
                _recent.AddFirst(entry.Node);
            }

            // Leased before evicting, so the handle being handed out is never the one closed.
            entry.Leases++;
            EvictBeyondCapacity();
            return new Lease(this, entry);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var entry in _entries.Values)
            {
                entry.Evicted = true;
                if (entry.Leases == 0)
                {
                    entry.Handle.Dispose();
                }
            }

            _entries.Clear();
            _recent.Clear();
        }
    }

    private void EvictBeyondCapacity()
    {
        // Idle handles go first, oldest first; handles in use stay until released.
        var node = _recent.Last;
        while (_entries.Count > _capacity && node is not null)
        {
            var previous = node.Previous;
            var entry = node.Value;
            if (entry.Leases == 0)
            {
                _recent.Remove(node);
                _entries.Remove(entry.FileIndex);
                entry.Evicted = true;
                entry.Handle.Dispose();
            }

            node = previous;
        }
    }

    private void Release(Entry entry)
    {
        lock (_gate)
        {
            entry.Leases--;
            if (entry.Leases == 0 && entry.Evicted)
            {
                entry.Handle.Dispose();
            }
            else if (entry.Leases == 0 && _entries.Count > _capacity)
            {
                EvictBeyondCapacity();
            }
        }
    }

    /// <summary>The use of one handle for one operation; dispose when the operation is done.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly FileHandleCache _cache;
        private readonly Entry _entry;

        internal Lease(FileHandleCache cache, Entry entry)
        {
            _cache = cache;
            _entry = entry;
        }

        public SafeFileHandle Handle => _entry.Handle;

        public void Dispose() => _cache.Release(_entry);
    }

    internal sealed class Entry
    {
        public Entry(int fileIndex, SafeFileHandle handle)
        {
            FileIndex = fileIndex;
            Handle = handle;
            Node = new LinkedListNode<Entry>(this);
        }

        public int FileIndex { get; }

        public SafeFileHandle Handle { get; }

        public LinkedListNode<Entry> Node { get; }

        public int Leases { get; set; }

        public bool Evicted { get; set; }
    }
}
