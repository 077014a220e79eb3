using System.Buffers;
using System.Security.Cryptography;

namespace EnterpriseDistrib.Torrent.Hashing;

/// <summary>
/// One hashing thread's state: a pooled read buffer, a reusable SHA-1 and its own file reader.
/// It reads a run of pieces in blocks small enough to still be in the CPU cache when hashed.
/// </summary>
internal sealed class PieceHashWorker : IDisposable
{
    private const int DigestLength = 20;

    private readonly ContentMap _map;
    private readonly IPieceHashSink _sink;
    private readonly Action<long> _onBytesDone;
    private readonly byte[] _buffer;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
    private readonly List<(int Offset, int Length)> _unreadable = [];
    private readonly byte[] _digest = new byte[DigestLength];
    private readonly ContentReader _reader;

    public PieceHashWorker(ContentMap map, IPieceHashSink sink, bool tolerateMissingData, int blockSize, Action<long> onBytesDone)
    {
        _map = map;
        _sink = sink;
        _reader = new ContentReader(map, tolerateMissingData);
        _onBytesDone = onBytesDone;
        _buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(blockSize, Math.Max(map.TotalLength, 1)));
    }

    public void Hash(PieceRun run, CancellationToken cancellationToken)
    {
        var position = _map.GetPieceOffset(run.First);
        var end = Math.Min(_map.GetPieceOffset(run.First + run.Count), _map.TotalLength);
        var piece = run.First;
        var pieceStart = position;
        var pieceEnd = pieceStart + _map.GetPieceSize(piece);
        var pieceReadable = true;
        var pieceStarted = false;
        while (position < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = (int)Math.Min(_buffer.Length, end - position);
            _reader.Read(position, _buffer.AsSpan(0, count), _unreadable);
            var offset = 0;
            while (offset < count)
            {
                var at = position + offset;
                var take = (int)Math.Min(count - offset, pieceEnd - at);
                pieceReadable = pieceReadable && !IsUnreadable(offset, take);
                if (pieceReadable)
                {
                    var bytes = _buffer.AsSpan(offset, take);
                    if (!pieceStarted && at == pieceStart && at + take == pieceEnd)
                    {
                        // The whole piece is in the buffer: one call, no incremental state.
                        SHA1.HashData(bytes, _digest);
                    }
                    else
                    {
                        _hash.AppendData(bytes);
                        pieceStarted = true;
                    }
                }

                offset += take;
                if (at + take == pieceEnd)
                {
                    FinishPiece(piece, pieceReadable, pieceStarted);
                    piece++;
                    pieceStart = pieceEnd;
                    pieceEnd = piece < _map.PieceCount ? pieceStart + _map.GetPieceSize(piece) : pieceStart;
                    pieceReadable = true;
                    pieceStarted = false;
                }
            }

            position += count;
            _onBytesDone(count);
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private void FinishPiece(int piece, bool readable, bool started)
    {
        if (started)
        {
            _hash.GetHashAndReset(_digest);
        }

        if (readable)
        {
            _sink.OnHashed(piece, _digest);
        }
        else
        {
            _sink.OnUnreadable(piece);
        }
    }

    private bool IsUnreadable(int offset, int length)
    {
        foreach (var (badOffset, badLength) in _unreadable)
        {
            if (badOffset < offset + length && offset < badOffset + badLength)
            {
                return true;
            }
        }

        return false;
    }
}
