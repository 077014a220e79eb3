using System.Buffers;
using System.Net;
using EnterpriseDistrib.Torrent.Swarm.Picking;
using EnterpriseDistrib.Torrent.WebSeeds;

namespace EnterpriseDistrib.Torrent.Swarm.WebSeeding;

/// <summary>
/// The torrent's BEP 19 web seeds as one more piece source: fetches whole pieces that no connected peer
/// has (every missing piece while there are no peers), a few at a time, and hands them to the swarm to
/// verify and write like any other piece.
/// </summary>
internal sealed class WebSeedSource(TorrentSwarm swarm, WebSeedPool pool, WebSeedContent content, int concurrency)
{
    /// <summary>A piece the web seeds served wrong is not asked of them again for this long (peers may have it).</summary>
    private static readonly TimeSpan BadPieceRest = TimeSpan.FromMinutes(1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> _restingUntil = new();

    /// <summary>Stands for the web seeds where the swarm records who contributed to a piece; never banned.</summary>
    public static readonly IPAddress ContributorAddress = IPAddress.None;

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => FetchLoopAsync(cancellationToken), CancellationToken.None)));

    /// <summary>Whether the web seeds recently served this piece wrong and should not be asked for it now.</summary>
    public bool IsResting(int piece) => _restingUntil.TryGetValue(piece, out var until) && until > Environment.TickCount64;

    private async Task FetchLoopAsync(CancellationToken cancellationToken)
    {
        using var idle = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var piece = pool.HasAvailableSeed ? swarm.ReserveForWebSeed(this) : null;
                if (piece is null)
                {
                    // Nothing only the web seeds can give right now (or they are resting): look again soon.
                    if (!await idle.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false) || swarm.IsComplete)
                    {
                        return;
                    }

                    continue;
                }

                await FetchAsync(piece, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FetchAsync(PartialPiece piece, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(piece.Length);
        try
        {
            var seed = await pool.ReadAsync(content, content.Layout.GetPieceOffset(piece.Index), buffer.AsMemory(0, piece.Length), cancellationToken).ConfigureAwait(false);
            swarm.Counters.AddReceived(swarm.Counters.ForWebSeed(seed.Url.ToString()), piece.Length);
            if (!swarm.OnWebSeedPiece(this, piece, buffer.AsMemory(0, piece.Length)))
            {
                _restingUntil[piece.Index] = Environment.TickCount64 + (long)BadPieceRest.TotalMilliseconds;
            }
        }
        catch (Exception e) when (e is WebSeedException or InvalidOperationException or HttpRequestException or IOException)
        {
            // Every seed failed for now: give the piece back to the peers and the next round.
            swarm.ReleaseWebSeedPiece(this, piece);
        }
        catch (OperationCanceledException)
        {
            swarm.ReleaseWebSeedPiece(this, piece);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
