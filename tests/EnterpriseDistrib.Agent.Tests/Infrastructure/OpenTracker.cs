using System.Diagnostics;
using System.Globalization;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Agent.Tests.Infrastructure;

/// <summary>
/// opentracker (the Debian build, which only serves whitelisted info-hashes) on 127.0.0.1: the swarm's tracker until
/// the server's own exists. The info-hashes it serves are fixed when it starts.
/// </summary>
internal sealed class OpenTracker : IDisposable
{
    private readonly Process _process;
    private readonly TempFolder _folder;

    private OpenTracker(Process process, TempFolder folder, Uri announce)
    {
        _process = process;
        _folder = folder;
        AnnounceUrl = announce;
    }

    public Uri AnnounceUrl { get; }

    /// <summary>A free port to start a tracker on, when its URL must go into torrents made before it starts.</summary>
    public static int FreePort() => ScriptedAgentServer.DeadPort();

    public static async Task<OpenTracker> StartAsync(int port, IEnumerable<InfoHash> infoHashes)
    {
        var folder = new TempFolder();
        var whitelist = Path.Combine(folder.Path, "whitelist");
        await File.WriteAllLinesAsync(whitelist, infoHashes.Select(h => h.ToHex()));
        var config = Path.Combine(folder.Path, "opentracker.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"listen.tcp 127.0.0.1:{port}\naccess.whitelist {whitelist}\n"));
        var info = new ProcessStartInfo("opentracker", ["-f", config]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var tracker = new OpenTracker(process, folder, new Uri($"http://127.0.0.1:{port}/announce"));
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var answer = await probe.GetAsync(new Uri($"http://127.0.0.1:{port}/stats"));
                return tracker;
            }
            catch (HttpRequestException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>How many seeds the tracker knows for a torrent (BEP 48 scrape).</summary>
    public async Task<int> SeedsAsync(InfoHash infoHash)
    {
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(new Uri(AnnounceUrl, "scrape?info_hash=" + string.Concat(infoHash.ToArray().Select(b => "%" + b.ToString("X2", CultureInfo.InvariantCulture)))));
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        var at = text.IndexOf("8:completei", StringComparison.Ordinal);
        return at < 0 ? 0 : int.Parse(text.AsSpan(at + 11, text.IndexOf('e', at + 11) - at - 11), CultureInfo.InvariantCulture);
    }

    /// <summary>The peers the tracker hands out for a torrent (this probe registers itself as a leech on 127.0.0.1:1).</summary>
    public async Task<IReadOnlyList<string>> PeersAsync(InfoHash infoHash)
    {
        using var http = new HttpClient();
        var query = "?info_hash=" + string.Concat(infoHash.ToArray().Select(b => "%" + b.ToString("X2", CultureInfo.InvariantCulture)))
            + "&peer_id=-PROBE-0123456789abc&port=1&uploaded=0&downloaded=0&left=1&compact=1&numwant=50";
        var bytes = await http.GetByteArrayAsync(new Uri(AnnounceUrl + query));
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        var at = text.IndexOf("5:peers", StringComparison.Ordinal) + 7;
        var colon = text.IndexOf(':', at);
        var length = int.Parse(text.AsSpan(at, colon - at), CultureInfo.InvariantCulture);
        var peers = new List<string>();
        for (var i = colon + 1; i + 6 <= colon + 1 + length; i += 6)
        {
            peers.Add($"{bytes[i]}.{bytes[i + 1]}.{bytes[i + 2]}.{bytes[i + 3]}");
        }

        return peers;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        _folder.Dispose();
    }
}
