using System.Buffers;
using System.Collections.Immutable;
using System.Security.Cryptography;
using EnterpriseDistrib.Torrent.Hashing;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Pieces;
using Microsoft.Win32.SafeHandles;

namespace EnterpriseDistrib.Torrent.Storage;

/// <summary>
/// A torrent's content on disk: reads and writes blocks addressed by (piece, offset in piece) across
/// the files the piece spans, with <see cref="RandomAccess"/> on cached handles (no stream buffering),
/// and flushes what was written to disk when the engine needs it durable.
/// </summary>
public sealed class PieceStorage : IAsyncDisposable
{
    private const int VerifyBlockSize = 1 << 20;

    private readonly ContentPaths _paths;
    private readonly ContentMap _map;
    private readonly PieceStorageOptions _options;
    private readonly FileHandleCache _handles;
    private readonly FileHandleCache _directHandles;

    // Files whose file system refused O_DIRECT (or a direct write): they are written buffered from then on.
    private readonly bool[] _bufferedOnly;
    private long _directBytesWritten;
    private readonly Lock _dirtyGate = new();
    private readonly HashSet<int> _dirtyFiles = [];

    /// <exception cref="StoragePathException">A file of the layout would land outside <paramref name="rootFolder"/>.</exception>
    public PieceStorage(ContentLayout layout, string rootFolder, PieceStorageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        _options = options ?? PieceStorageOptions.Default;
        _paths = new ContentPaths(rootFolder);
        Files = _paths.Resolve(layout);
        _map = new ContentMap(Files, layout.PieceLength);
        _handles = new FileHandleCache(_options.MaxOpenFiles, Open);
        _directHandles = new FileHandleCache(_options.MaxOpenFiles, OpenDirect);
        _bufferedOnly = new bool[Files.Length];
    }

    public ContentLayout Layout { get; }

    /// <summary>The download folder as a full path.</summary>
    public string RootFolder => _paths.Root;

    /// <summary>The content's files with their full paths, in torrent order.</summary>
    public ImmutableArray<SourceFile> Files { get; }

    internal int OpenFileCount => _handles.OpenCount;

    /// <summary>Bytes written around the page cache (<see cref="DirectIo"/>), for tests and statistics.</summary>
    internal long DirectBytesWritten => Interlocked.Read(ref _directBytesWritten);

    /// <summary>
    /// Creates the folders and every file, zero-length ones included, and extends files shorter than
    /// their length as sparse files (set length, no zeros written). Longer files are left alone.
    /// </summary>
    public Task AllocateAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfReadOnly();
        return Task.Run(
            () =>
            {
                for (var i = 0; i < Files.Length; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var lease = _handles.Acquire(i, create: true)!.Value;
                    if (RandomAccess.GetLength(lease.Handle) < Files[i].Length)
                    {
                        RandomAccess.SetLength(lease.Handle, Files[i].Length);
                        MarkDirty(i);
                    }
                }
            },
            cancellationToken);
    }

    /// <summary>Writes a block at <paramref name="offset"/> in <paramref name="piece"/>, across file boundaries.</summary>
    public async ValueTask WriteAsync(int piece, int offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ThrowIfReadOnly();
        var start = CheckRange(piece, offset, data.Length);
        foreach (var segment in _map.GetSegments(start, data.Length))
        {
            var slice = data.Slice(segment.RangeOffset, segment.Length);
            var fileOffset = segment.FileOffset;
            var direct = slice.Length - (slice.Length % DirectIo.Alignment);
            if (direct > 0 && await TryWriteDirectAsync(segment.FileIndex, slice[..direct], fileOffset, cancellationToken).ConfigureAwait(false))
            {
                // A file's unaligned tail still goes through the page cache.
                slice = slice[direct..];
                fileOffset += direct;
            }

            if (slice.Length > 0)
            {
                using var lease = _handles.Acquire(segment.FileIndex, create: true)!.Value;
                await RandomAccess.WriteAsync(lease.Handle, slice, fileOffset, cancellationToken).ConfigureAwait(false);
            }

            // Marked after the write completed, so a flush that starts later is sure to cover it.
            MarkDirty(segment.FileIndex);
        }
    }

    /// <summary>
    /// Reads a block at <paramref name="offset"/> in <paramref name="piece"/> into <paramref name="destination"/>;
    /// returns the bytes read, fewer than asked only where files are missing or short.
    /// </summary>
    public async ValueTask<int> ReadAsync(int piece, int offset, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        var start = CheckRange(piece, offset, destination.Length);
        var total = 0;
        foreach (var segment in _map.GetSegments(start, destination.Length))
        {
            var lease = _handles.Acquire(segment.FileIndex, create: false);
            if (lease is null)
            {
                return total;
            }

            var done = 0;
            using (lease.Value)
            {
                while (done < segment.Length)
                {
                    var read = await RandomAccess.ReadAsync(
                        lease.Value.Handle, destination.Slice(segment.RangeOffset + done, segment.Length - done), segment.FileOffset + done, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    done += read;
                }
            }

            total += done;
            if (done < segment.Length)
            {
                return total;
            }
        }

        return total;
    }

    /// <summary>Reads a whole piece; <paramref name="destination"/> must hold its size. Returns the bytes read.</summary>
    public ValueTask<int> ReadPieceAsync(int piece, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        var size = Layout.GetPieceSize(piece);
        if (destination.Length < size)
        {
            throw new ArgumentException($"Piece {piece} is {size} bytes; the destination holds {destination.Length}.", nameof(destination));
        }

        return ReadAsync(piece, 0, destination[..size], cancellationToken);
    }

    /// <summary>Whether the piece on disk matches its SHA-1 in the metainfo; read in blocks, so memory stays small.</summary>
    public async ValueTask<bool> VerifyPieceAsync(int piece, CancellationToken cancellationToken = default)
    {
        var size = Layout.GetPieceSize(piece);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(size, VerifyBlockSize));
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
            for (var offset = 0; offset < size;)
            {
                var count = Math.Min(size - offset, buffer.Length);
                if (await ReadAsync(piece, offset, buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false) < count)
                {
                    return false;
                }

                hash.AppendData(buffer, 0, count);
                offset += count;
            }

            Span<byte> digest = stackalloc byte[ContentLayout.PieceHashLength];
            hash.GetHashAndReset(digest);
            return digest.SequenceEqual(Layout.GetPieceHash(piece));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Forces every file written since the last flush to disk (fsync); what completed before the call is durable after it.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        int[] dirty;
        lock (_dirtyGate)
        {
            dirty = [.. _dirtyFiles];
            _dirtyFiles.Clear();
        }

        for (var i = 0; i < dirty.Length; i++)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                var lease = _handles.Acquire(dirty[i], create: false)
                    ?? throw new FileNotFoundException($"{Files[dirty[i]].FullPath} was written but no longer exists.", Files[dirty[i]].FullPath);
                using (lease)
                {
                    await Task.Run(() => RandomAccess.FlushToDisk(lease.Handle), cancellationToken).ConfigureAwait(false);
                }
            }
            catch
            {
                // What was not flushed stays owed to the next flush.
                lock (_dirtyGate)
                {
                    _dirtyFiles.UnionWith(dirty.Skip(i));
                }

                throw;
            }
        }
    }

    /// <summary>
    /// Flushes, then records <paramref name="verified"/> (taken before the flush, so every piece in it is
    /// on disk) with each file's stamp, ready for <see cref="FastResumeStore.SaveAsync"/>. The caller
    /// must not mark pieces in <paramref name="verified"/> until their writes have completed.
    /// </summary>
    public async Task<FastResumeData> CheckpointAsync(InfoHash infoHash, Bitfield verified, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verified);
        if (verified.Length != Layout.PieceCount)
        {
            throw new ArgumentException($"The bitfield covers {verified.Length} pieces, not {Layout.PieceCount}.", nameof(verified));
        }

        var snapshot = verified.Clone();
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return new FastResumeData(infoHash, snapshot, [.. Files.Select(f => FileStamp.Of(f.FullPath))]);
    }

    /// <summary>Closes the files. Does not flush: call <see cref="FlushAsync"/> first when durability matters.</summary>
    public ValueTask DisposeAsync()
    {
        _directHandles.Dispose();
        _handles.Dispose();
        return ValueTask.CompletedTask;
    }

    private long CheckRange(int piece, int offset, int length)
    {
        var size = Layout.GetPieceSize(piece);
        if (offset < 0 || length < 0 || offset > size - length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"Bytes [{offset}, {(long)offset + length}) are not inside piece {piece} of {size} bytes.");
        }

        return Layout.GetPieceOffset(piece) + offset;
    }

    private void MarkDirty(int fileIndex)
    {
        lock (_dirtyGate)
        {
            _dirtyFiles.Add(fileIndex);
        }
    }

    private void ThrowIfReadOnly()
    {
        if (_options.ReadOnly)
        {
            throw new InvalidOperationException($"The storage of {RootFolder} was opened read-only.");
        }
    }

    private async ValueTask<bool> TryWriteDirectAsync(int fileIndex, ReadOnlyMemory<byte> data, long fileOffset, CancellationToken cancellationToken)
    {
        if (!_options.DirectWrites || Volatile.Read(ref _bufferedOnly[fileIndex]) || !DirectIo.CanWrite(fileOffset, data))
        {
            return false;
        }

        var lease = _directHandles.Acquire(fileIndex, create: true);
        if (lease is null)
        {
            Volatile.Write(ref _bufferedOnly[fileIndex], true);
            return false;
        }

        using (lease.Value)
        {
            try
            {
                await RandomAccess.WriteAsync(lease.Value.Handle, data, fileOffset, cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _directBytesWritten, data.Length);
                return true;
            }
            catch (IOException)
            {
                // EINVAL: the file system wants another alignment, or the memory moved. The buffered write that
                // follows rewrites the whole range, and a real disk error shows up there too.
                Volatile.Write(ref _bufferedOnly[fileIndex], true);
                return false;
            }
        }
    }

    private SafeFileHandle? OpenDirect(int fileIndex, bool create)
    {
        // The buffered handle creates the file (and checks the path) first; O_DIRECT never creates.
        using (_handles.Acquire(fileIndex, create)!.Value)
        {
        }

        return DirectIo.TryOpenForWriting(Files[fileIndex].FullPath);
    }

    private SafeFileHandle? Open(int fileIndex, bool create)
    {
        var path = Files[fileIndex].FullPath;
        _paths.EnsureInside(path);
        var access = _options.ReadOnly ? FileAccess.Read : FileAccess.ReadWrite;
        const FileShare share = FileShare.ReadWrite | FileShare.Delete;
        if (create)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return File.OpenHandle(path, FileMode.OpenOrCreate, access, share);
        }

        try
        {
            return File.OpenHandle(path, FileMode.Open, access, share);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
