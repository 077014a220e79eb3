using System.Net;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Swarm;
using EnterpriseDistrib.Torrent.Tests.Interop.Fixtures;

namespace EnterpriseDistrib.Torrent.Tests.Interop;

/// <summary>Our engine on one loopback address, joined to a real tracker's swarm for one interop test.</summary>
internal sealed class InteropSwarm : IAsyncDisposable
{
    private InteropSwarm(SwarmEngine engine, TorrentSession session)
    {
        Engine = engine;
        Session = session;
    }

    public SwarmEngine Engine { get; }

    public TorrentSession Session { get; }

    public static async Task<InteropSwarm> StartAsync(SampleTorrent torrent, string folder, IPAddress address)
    {
        var metainfo = await TorrentMetainfo.LoadAsync(torrent.TorrentPath);
        var engine = new SwarmEngine(new EngineSettings { BindAddress = address });
        try
        {
            var session = await engine.AddTorrentAsync(metainfo, folder, new TorrentOptions { ResumeFolder = Path.Combine(torrent.Root.FullName, "resume-" + address) });
            return new InteropSwarm(engine, session);
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
