using System.Net;
using System.Text;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Server.Tests.Infrastructure;
using EnterpriseDistrib.Torrent.Bencoding;
using EnterpriseDistrib.Torrent.Metainfo;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseDistrib.Server.Tests.Tracker;

/// <summary>A site on its own 127.0.N.0/24, a running rollout of a fresh package to it, and helpers to announce as its agents.</summary>
internal sealed class TrackerScenario
{
    private static int _nextSubnet = 100;

    private TrackerScenario(TrackerHarness harness, ApiSeed seed, Guid siteId, int subnet, Guid versionId, InfoHash infoHash)
    {
        Harness = harness;
        Seed = seed;
        SiteId = siteId;
        Subnet = subnet;
        VersionId = versionId;
        InfoHash = infoHash;
    }

    public TrackerHarness Harness { get; }

    public ApiSeed Seed { get; }

    public Guid SiteId { get; }

    public int Subnet { get; }

    public Guid VersionId { get; }

    public InfoHash InfoHash { get; }

    public static async Task<TrackerScenario> CreateAsync(TrackerHarness harness, HttpClient admin, Guid? versionId = null)
    {
        var seed = new ApiSeed(admin);
        var subnet = Interlocked.Increment(ref _nextSubnet);
        var site = await seed.SiteAsync($"127.0.{subnet}.0/24");
        var group = await seed.GroupAsync(site);
        var version = versionId ?? await seed.VersionAsync(await seed.PackageAsync());
        await MakeAvailableAsync(harness, version);
        await (await admin.PostJsonAsync("/api/v1/rollouts", ApiSeed.RolloutBody(version, group, DateTimeOffset.UtcNow.AddHours(-1))))
            .ExpectAsync(HttpStatusCode.Created);

        var stored = await harness.Services.GetRequiredService<PackageStore>().GetVersionAsync(version);
        return new TrackerScenario(harness, seed, site, subnet, version, InfoHash.ParseHex(stored!.InfoHash));
    }

    /// <summary>Moves a version's content to Available as publishing would (rollouts take only available content).</summary>
    public static async Task MakeAvailableAsync(TrackerHarness harness, Guid versionId)
    {
        var contents = harness.Services.GetRequiredService<PackageContentStore>();
        if (await contents.GetStateAsync(versionId) == PackageContentState.Available)
        {
            return;
        }

        Assert.True(await contents.MarkUploadingAsync(versionId) && await contents.MarkVerifyingAsync(versionId) && await contents.MarkAvailableAsync(versionId));
    }

    public IPAddress Address(int host) => IPAddress.Parse($"127.0.{Subnet}.{host}");

    /// <summary>Enrolls an agent pinned to the site and returns its id and passkey.</summary>
    public async Task<(Guid AgentId, string Passkey, string Credential)> AgentAsync()
    {
        using var anonymous = Harness.Anonymous();
        var (agentId, credential) = await Seed.AgentAsync(anonymous, SiteId);
        return (agentId, Harness.Passkeys.Issue(agentId), credential);
    }

    /// <summary>Announces with a hand-built query from <paramref name="from"/>; returns the decoded bencoded answer.</summary>
    public async Task<BencodeDictionary> AnnounceAsync(string passkey, IPAddress from, string query)
    {
        using var client = BoundHttpClient.Create(Harness.BaseAddress, from);
        var body = await client.GetByteArrayAsync(new Uri($"announce/{passkey}?{query}", UriKind.Relative));
        return BencodeDecoder.DecodeDictionary(body);
    }

    public string Query(int port, long left, string? extra = null, InfoHash? infoHash = null, byte[]? peerId = null) =>
        $"info_hash={Encode((infoHash ?? InfoHash).ToArray())}&peer_id={Encode(peerId ?? NewPeerId())}&port={port}&uploaded=0&downloaded=0&left={left}&compact=1" +
        (extra is null ? "" : "&" + extra);

    /// <summary>Announces until the tracker has read the new rollout from the catalog (it refreshes every 200 ms here).</summary>
    public async Task<BencodeDictionary> AnnounceWhenAssignedAsync(string passkey, IPAddress from, string query) =>
        await Eventually.WaitForAsync(() => AnnounceAsync(passkey, from, query), answer => !answer.ContainsKey("failure reason"), TimeSpan.FromSeconds(30),
            "the tracker to accept the agent's announce");

    public static string Failure(BencodeDictionary answer) =>
        answer.TryGetValue("failure reason", out var reason) ? ((BencodeString)reason).ToUtf8String() : "";

    public static byte[] Bytes(BencodeDictionary answer, string key) =>
        answer.TryGetValue(key, out var value) ? ((BencodeString)value).Bytes.ToArray() : [];

    public static long Integer(BencodeDictionary answer, string key) => answer.TryGetValue(key, out var value) ? ((BencodeInteger)value).Value : -1;

    public static byte[] NewPeerId() => Encoding.ASCII.GetBytes("-ED0001-" + Guid.NewGuid().ToString("N")[..12]);

    public static string Encode(byte[] bytes) => string.Concat(bytes.Select(b => $"%{b:x2}"));
}
