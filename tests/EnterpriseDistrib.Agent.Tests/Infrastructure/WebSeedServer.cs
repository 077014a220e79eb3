using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.Agent.Tests.Infrastructure;

/// <summary>A BEP 19 web seed on 127.0.0.1: plain HTTP range GETs of the files under a folder (the origin's role).</summary>
internal sealed class WebSeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebSeedServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The base URL a torrent's <c>url-list</c> names (ends with '/').</summary>
    public Uri Url { get; }

    public static async Task<WebSeedServer> StartAsync(string folder)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        app.MapGet("/seed/{**path}", (string path) =>
        {
            var full = Path.GetFullPath(Path.Combine(root, path));
            return full.StartsWith(root, StringComparison.Ordinal) && File.Exists(full)
                ? Results.File(full, "application/octet-stream", enableRangeProcessing: true)
                : Results.NotFound();
        });
        await app.StartAsync();
        return new WebSeedServer(app, new Uri($"http://127.0.0.1:{new Uri(app.Urls.First()).Port}/seed/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
