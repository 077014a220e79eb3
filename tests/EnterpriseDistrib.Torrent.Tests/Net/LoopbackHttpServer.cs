using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace EnterpriseDistrib.Torrent.Tests.Net;

/// <summary>One HTTP request as the loopback server saw it: the raw target (still percent-encoded) and where it came from.</summary>
public sealed record LoopbackHttpRequest(string Method, string Target, ImmutableDictionary<string, string> Headers, IPEndPoint RemoteEndPoint)
{
    public string Path => Target.Split('?', 2)[0];

    public string Query => Target.Contains('?', StringComparison.Ordinal) ? Target.Split('?', 2)[1] : string.Empty;

    /// <summary>The raw (encoded) values of a query parameter, in order.</summary>
    public IReadOnlyList<string> RawQueryValues(string name) =>
        [.. Query.Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == name).Select(p => p.Length > 1 ? p[1] : string.Empty)];

    public string? RawQueryValue(string name) => RawQueryValues(name) is [var first, ..] ? first : null;
}

/// <summary>
/// A scriptable HTTP/1.1 server on a loopback address over a raw <see cref="TcpListener"/>, so tests can also send
/// what no proper server would: wrong lengths, short bodies, garbage, silence. One request per connection.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<LoopbackHttpRequest, Stream, CancellationToken, Task> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<LoopbackHttpRequest> _requests = Channel.CreateUnbounded<LoopbackHttpRequest>();
    private readonly Task _acceptLoop;
    private readonly List<Task> _connections = [];

    /// <param name="respond">Writes the whole raw response for a request; the connection closes after it.</param>
    public LoopbackHttpServer(Func<LoopbackHttpRequest, Stream, CancellationToken, Task> respond, IPAddress? address = null)
    {
        _respond = respond;
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public Uri BaseUri => new($"http://{EndPoint}/");

    /// <summary>Every request received, in order.</summary>
    public ChannelReader<LoopbackHttpRequest> Requests => _requests.Reader;

    /// <summary>The next request, or a <see cref="TimeoutException"/> after <paramref name="timeout"/> (10 s by default).</summary>
    public async Task<LoopbackHttpRequest> NextRequestAsync(TimeSpan? timeout = null) =>
        await _requests.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(10));

    public static Task WriteAsync(Stream stream, int status, ReadOnlyMemory<byte> body, CancellationToken cancellationToken, params string[] headers) =>
        WriteAsync(stream, status, body, body.Length, cancellationToken, headers);

    /// <summary>Writes a response whose Content-Length may lie about the body that follows.</summary>
    public static async Task WriteAsync(Stream stream, int status, ReadOnlyMemory<byte> body, long contentLength, CancellationToken cancellationToken, params string[] headers)
    {
        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(status).Append(' ').Append(status < 300 ? "OK" : "Error").Append("\r\n");
        head.Append("Content-Length: ").Append(contentLength).Append("\r\n");
        head.Append("Connection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, (IPEndPoint)client.Client.RemoteEndPoint!, _stop.Token);
                if (request is null)
                {
                    return;
                }

                _requests.Writer.TryWrite(request);
                await _respond(request, stream, _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, or the server is stopping.
            }
        }
    }

    private static async Task<LoopbackHttpRequest?> ReadRequestAsync(Stream stream, IPEndPoint remote, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var length = 0;
        int end;
        while ((end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (length == buffer.Length)
            {
                return null;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            length += read;
        }

        var lines = Encoding.ASCII.GetString(buffer, 0, end).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToImmutableDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return new LoopbackHttpRequest(requestLine[0], requestLine[1], headers, remote);
    }
}
