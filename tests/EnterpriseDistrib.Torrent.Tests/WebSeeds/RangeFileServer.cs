using System.Globalization;
using EnterpriseDistrib.Torrent.Tests.Net;

namespace EnterpriseDistrib.Torrent.Tests.WebSeeds;

/// <summary>How the range server misbehaves for a request; <see cref="Honest"/> serves it properly.</summary>
public enum Misbehavior
{
    Honest,
    IgnoreRange,
    WrongContentRange,
    WrongTotalLength,
    ShortBody,
    ServerError,
    NotFound,
    Stall,
}

/// <summary>A loopback HTTP file server with Range support that misbehaves on demand, for web-seed tests.</summary>
public sealed class RangeFileServer : IAsyncDisposable
{
    private readonly Dictionary<string, byte[]> _files;
    private readonly LoopbackHttpServer _server;

    /// <param name="files">Raw (percent-encoded) request paths and the bytes served there.</param>
    /// <param name="misbehave">Chooses the behaviour for each request; honest when null.</param>
    /// <param name="beforeResponding">Awaited before each response, to hold requests until a test lets them go.</param>
    public RangeFileServer(Dictionary<string, byte[]> files, Func<LoopbackHttpRequest, Misbehavior>? misbehave = null, Func<CancellationToken, Task>? beforeResponding = null)
    {
        _files = files;
        _server = new LoopbackHttpServer(async (request, stream, ct) =>
        {
            if (beforeResponding is not null)
            {
                await beforeResponding(ct);
            }

            await RespondAsync(request, misbehave?.Invoke(request) ?? Misbehavior.Honest, stream, ct);
        });
    }

    public Uri BaseUri => _server.BaseUri;

    public LoopbackHttpServer Http => _server;

    /// <summary>Requests received so far (drains the queue).</summary>
    public List<LoopbackHttpRequest> TakeRequests()
    {
        var requests = new List<LoopbackHttpRequest>();
        while (_server.Requests.TryRead(out var request))
        {
            requests.Add(request);
        }

        return requests;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task RespondAsync(LoopbackHttpRequest request, Misbehavior misbehavior, Stream stream, CancellationToken ct)
    {
        if (misbehavior is Misbehavior.ServerError or Misbehavior.NotFound || !_files.TryGetValue(request.Path, out var file))
        {
            await LoopbackHttpServer.WriteAsync(stream, misbehavior == Misbehavior.ServerError ? 500 : 404, "no"u8.ToArray(), ct);
            return;
        }

        if (misbehavior == Misbehavior.IgnoreRange || !request.Headers.TryGetValue("Range", out var range))
        {
            await LoopbackHttpServer.WriteAsync(stream, 200, file, ct);
            return;
        }

        var bounds = range["bytes=".Length..].Split('-');
        var first = long.Parse(bounds[0], CultureInfo.InvariantCulture);
        var last = long.Parse(bounds[1], CultureInfo.InvariantCulture);
        var body = file.AsMemory((int)first, (int)(last - first + 1));
        var contentRange = misbehavior switch
        {
            Misbehavior.WrongContentRange => $"Content-Range: bytes {first + 1}-{last + 1}/{file.Length}",
            Misbehavior.WrongTotalLength => $"Content-Range: bytes {first}-{last}/{file.Length + 1}",
            _ => $"Content-Range: bytes {first}-{last}/{file.Length}",
        };
        if (misbehavior == Misbehavior.Stall)
        {
            // Headers, a first bit of the body, then silence.
            await LoopbackHttpServer.WriteAsync(stream, 206, body[..10], body.Length, ct, contentRange);
            await Task.Delay(Timeout.Infinite, ct);
        }

        if (misbehavior == Misbehavior.ShortBody)
        {
            await LoopbackHttpServer.WriteAsync(stream, 206, body[..(body.Length / 2)], body.Length, ct, contentRange);
            return;
        }

        await LoopbackHttpServer.WriteAsync(stream, 206, body, ct, contentRange);
    }
}
