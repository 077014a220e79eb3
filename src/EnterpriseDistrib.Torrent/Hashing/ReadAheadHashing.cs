using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace EnterpriseDistrib.Torrent.Hashing;

/// <summary>
/// The other shape of the hashing pipeline, kept to be measured against <see cref="PieceHashWorker"/>:
/// one thread reads whole runs into a bounded set of pooled buffers while N threads hash them.
/// </summary>
internal sealed class ReadAheadHashing : IDisposable
{
    private readonly ContentMap _map;
    private readonly IPieceHashSink _sink;
    private readonly Action<long> _onBytesDone;
    private readonly BlockingCollection<byte[]> _free;
    private readonly BlockingCollection<(PieceRun Run, byte[] Buffer, List<(int Offset, int Length)> Unreadable)> _full;
    private readonly bool _tolerateMissingData;

    public ReadAheadHashing(ContentMap map, IPieceHashSink sink, bool tolerateMissingData, int hashers, Action<long> onBytesDone)
    {
        _map = map;
        _sink = sink;
        _tolerateMissingData = tolerateMissingData;
        _onBytesDone = onBytesDone;
        var buffers = hashers + 2;
        var bufferSize = (int)Math.Min((long)Math.Max(1, PieceRun.TargetBytes / map.PieceLength) * map.PieceLength, Math.Max(map.TotalLength, 1));
        _free = new BlockingCollection<byte[]>(buffers);
        for (var i = 0; i < buffers; i++)
        {
            _free.Add(ArrayPool<byte>.Shared.Rent(bufferSize));
        }

        _full = new BlockingCollection<(PieceRun, byte[], List<(int, int)>)>(buffers);
    }

    public void Read(IReadOnlyList<PieceRun> runs, CancellationToken cancellationToken)
    {
        using var reader = new ContentReader(_map, _tolerateMissingData);
        try
        {
            foreach (var run in runs)
            {
                var buffer = _free.Take(cancellationToken);
                var start = _map.GetPieceOffset(run.First);
                var length = (int)(Math.Min(_map.GetPieceOffset(run.First + run.Count), _map.TotalLength) - start);
                var unreadable = new List<(int Offset, int Length)>();
                reader.Read(start, buffer.AsSpan(0, length), unreadable);
                _full.Add((run, buffer, unreadable), cancellationToken);
            }
        }
        finally
        {
            _full.CompleteAdding();
        }
    }

    public void Hash(CancellationToken cancellationToken)
    {
        Span<byte> digest = stackalloc byte[20];
        foreach (var (run, buffer, unreadable) in _full.GetConsumingEnumerable(cancellationToken))
        {
            var offset = 0;
            for (var piece = run.First; piece < run.First + run.Count; piece++)
            {
                var size = _map.GetPieceSize(piece);
                if (unreadable.Exists(u => u.Offset < offset + size && offset < u.Offset + u.Length))
                {
                    _sink.OnUnreadable(piece);
                }
                else
                {
                    SHA1.HashData(buffer.AsSpan(offset, size), digest);
                    _sink.OnHashed(piece, digest);
                }

                offset += size;
            }

            _free.Add(buffer, cancellationToken);
            _onBytesDone(offset);
        }
    }

    public void Dispose()
    {
        while (_free.TryTake(out var buffer))
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        while (_full.TryTake(out var item))
        {
            ArrayPool<byte>.Shared.Return(item.Buffer);
        }

        _free.Dispose();
        _full.Dispose();
    }
}
