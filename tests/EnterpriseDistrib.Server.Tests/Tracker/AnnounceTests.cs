using System.Buffers.Binary;
using System.Net;
using EnterpriseDistrib.Server.Tests.Infrastructure;
using EnterpriseDistrib.Torrent.Bencoding;
using EnterpriseDistrib.Torrent.Metainfo;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseDistrib.Server.Tests.Tracker;

[Collection(TrackerCollection.Name)]
public sealed class AnnounceTests(TrackerHarness harness)
{
    [Fact]
    public async Task An_announce_is_recorded_with_the_connections_address_not_the_ip_parameter()
    {
        using var admin = harness.Admin();
        var scenario = await TrackerScenario.CreateAsync(harness, admin);
        var (_, seedKey, _) = await scenario.AgentAsync();
        var (_, leechKey, _) = await scenario.AgentAsync();

        await scenario.AnnounceWhenAssignedAsync(seedKey, IPAddress.Parse("127.0.1.5"), scenario.Query(6881, left: 0, "ip=10.9.9.9"));
        var answer = await scenario.AnnounceAsync(leechKey, scenario.Address(7), scenario.Query(6882, left: 100));

        var peers = TrackerScenario.Bytes(answer, "peers");
        Assert.Equal(6, peers.Length);
        Assert.Equal(IPAddress.Parse("127.0.1.5"), new IPAddress(peers.AsSpan(0, 4)));
        Assert.Equal(6881, BinaryPrimitives.ReadUInt16BigEndian(peers.AsSpan(4)));
        Assert.Equal(1, TrackerScenario.Integer(answer, "complete"));
        Assert.Equal(1, TrackerScenario.Integer(answer, "incomplete"));
        Assert.Equal(1, TrackerScenario.Integer(answer, "min interval"));
        Assert.InRange(TrackerScenario.Integer(answer, "interval"), 1, TrackerHarness.IntervalSeconds + 1);
        Assert.False(answer.ContainsKey("peers6"));
    }

    [Fact]
    public async Task The_assignment_lists_an_announce_url_carrying_the_agents_passkey()
    {
        using var admin = harness.Admin();
        var scenario = await TrackerScenario.CreateAsync(harness, admin);
        var (agentId, passkey, credential) = await scenario.AgentAsync();
        using var agent = harness.Anonymous();
        agent.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", credential);

        var assignments = await Eventually.WaitForAsync(
            async () => await (await agent.GetAsync("/api/v1/agent/assignments")).ExpectAsync(HttpStatusCode.OK),
            list => list.GetArrayLength() > 0, TimeSpan.FromSeconds(30), "the rollout to be running");

        Assert.Equal(new Uri(harness.BaseAddress, $"announce/{passkey}").ToString(), assignments[0].GetProperty("announceUrl").GetString());
        Assert.True(harness.Passkeys.TryRead(passkey, out var read));
        Assert.Equal(agentId, read);
    }

    [Theory]
    [InlineData("info_hash=%01%02&peer_id=-ED0001-aaaaaaaaaaaa&port=1&left=0", "info_hash must be 20 bytes")]
    [InlineData("info_hash={hash}&peer_id=short&port=1&left=0", "peer_id must be 20 bytes")]
    [InlineData("info_hash={hash}&peer_id=-ED0001-aaaaaaaaaaaa&port=0&left=0", "port must be a number from 1 to 65535")]
    [InlineData("info_hash={hash}&peer_id=-ED0001-aaaaaaaaaaaa&port=70000&left=0", "port must be a number from 1 to 65535")]
    [InlineData("info_hash={hash}&peer_id=-ED0001-aaaaaaaaaaaa&port=1&left=-5", "left must be a non-negative number")]
    [InlineData("info_hash={hash}&peer_id=-ED0001-aaaaaaaaaaaa&port=1&left=0&uploaded=-1", "uploaded must be a non-negative number")]
    [InlineData("info_hash={hash}&peer_id=-ED0001-aaaaaaaaaaaa&port=1&left=0&numwant=-1", "numwant must be a number from 0")]
    [InlineData("info_hash={hash}&peer_id=-ED0001-aaaaaaaaaaaa&port=1&left=0&event=exploded", "event must be")]
    [InlineData("peer_id=-ED0001-aaaaaaaaaaaa&port=1&left=0", "info_hash is missing")]
    [InlineData("info_hash=%zz%02&peer_id=-ED0001-aaaaaaaaaaaa&port=1&left=0", "info_hash must be 20 bytes")]
    public async Task A_malformed_announce_gets_a_bencoded_failure_reason(string query, string reason)
    {
        using var admin = harness.Admin();
        var scenario = await TrackerScenario.CreateAsync(harness, admin);
        var (_, passkey, _) = await scenario.AgentAsync();

        var answer = await scenario.AnnounceAsync(passkey, scenario.Address(2), query.Replace("{hash}", TrackerScenario.Encode(scenario.InfoHash.ToArray()), StringComparison.Ordinal));

        Assert.StartsWith(reason, TrackerScenario.Failure(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_unknown_and_revoked_passkeys_and_unassigned_torrents_are_refused()
    {
        using var admin = harness.Admin();
        var scenario = await TrackerScenario.CreateAsync(harness, admin);
        var elsewhere = await TrackerScenario.CreateAsync(harness, admin);
        var (agentId, passkey, _) = await scenario.AgentAsync();
        await scenario.AnnounceWhenAssignedAsync(passkey, scenario.Address(3), scenario.Query(7000, left: 10));

        var forged = passkey[..^2] + (passkey[^2] == 'A' ? "BA" : "AA");
        Assert.StartsWith("unknown passkey", TrackerScenario.Failure(await scenario.AnnounceAsync(forged, scenario.Address(3), scenario.Query(7000, 10))), StringComparison.Ordinal);
        Assert.StartsWith("unknown passkey", TrackerScenario.Failure(await scenario.AnnounceAsync("not-a-passkey", scenario.Address(3), scenario.Query(7000, 10))), StringComparison.Ordinal);
        Assert.StartsWith("unknown agent", TrackerScenario.Failure(await scenario.AnnounceAsync(harness.Passkeys.Issue(Guid.NewGuid()), scenario.Address(3), scenario.Query(7000, 10))), StringComparison.Ordinal);
        Assert.Equal("this torrent is not assigned to this agent",
            TrackerScenario.Failure(await scenario.AnnounceAsync(passkey, scenario.Address(3), scenario.Query(7000, 10, infoHash: elsewhere.InfoHash))));

        await (await admin.PostJsonAsync($"/api/v1/agents/{agentId}/revoke", null)).ExpectAsync(HttpStatusCode.NoContent);

        // The tracker re-reads agents every 200 ms here (Tracker:CatalogRefresh): refused within that bound.
        var refused = await Eventually.WaitForAsync(() => scenario.AnnounceAsync(passkey, scenario.Address(3), scenario.Query(7000, 10)),
            answer => TrackerScenario.Failure(answer).Length > 0, TimeSpan.FromSeconds(5), "the revocation to reach the tracker");
        Assert.Equal("this agent has been revoked", TrackerScenario.Failure(refused));
    }

    [Fact]
    public async Task A_stopped_peer_leaves_at_once_and_a_silent_one_expires()
    {
        using var admin = harness.Admin();
        var scenario = await TrackerScenario.CreateAsync(harness, admin);
        var (_, seedKey, _) = await scenario.AgentAsync();
        var (_, quitterKey, _) = await scenario.AgentAsync();
        var (_, leechKey, _) = await scenario.AgentAsync();
        await scenario.AnnounceWhenAssignedAsync(seedKey, scenario.Address(10), scenario.Query(6001, 0));
        var quitterId = TrackerScenario.NewPeerId();
        await scenario.AnnounceAsync(quitterKey, scenario.Address(11), scenario.Query(6002, 0, peerId: quitterId));

        var both = await scenario.AnnounceAsync(leechKey, scenario.Address(12), scenario.Query(6003, 50));
        Assert.Equal(12, TrackerScenario.Bytes(both, "peers").Length);

        await scenario.AnnounceAsync(quitterKey, scenario.Address(11), scenario.Query(6002, 0, "event=stopped", peerId: quitterId));
        var one = await scenario.AnnounceAsync(leechKey, scenario.Address(12), scenario.Query(6003, 50));
        Assert.Equal(6, TrackerScenario.Bytes(one, "peers").Length);

        // The seed stops announcing: after 1.5 intervals (3 s here) it is no longer handed out, and within a quarter
        // timeout more the sweep drops it from the counters too.
        var started = DateTimeOffset.UtcNow;
        await Eventually.WaitForAsync(() => scenario.AnnounceAsync(leechKey, scenario.Address(12), scenario.Query(6003, 50)),
            answer => TrackerScenario.Bytes(answer, "peers").Length == 0, TimeSpan.FromSeconds(15), "the silent seed to no longer be handed out");
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(1), "The seed vanished long before its timeout.");
        var swept = await Eventually.WaitForAsync(() => scenario.AnnounceAsync(leechKey, scenario.Address(12), scenario.Query(6003, 50)),
            answer => TrackerScenario.Integer(answer, "complete") == 0, TimeSpan.FromSeconds(15), "the silent seed to be swept");
        Assert.Equal(1, TrackerScenario.Integer(swept, "incomplete"));
    }

    [Fact]
    public async Task Scrape_counts_seeds_partials_and_completed_downloads_by_raw_info_hash()
    {
        using var admin = harness.Admin();
        var scenario = await TrackerScenario.CreateAsync(harness, admin);
        var (_, a, _) = await scenario.AgentAsync();
        var (_, b, _) = await scenario.AgentAsync();
        await scenario.AnnounceWhenAssignedAsync(a, scenario.Address(20), scenario.Query(6001, 0, "event=completed"));
        await scenario.AnnounceAsync(b, scenario.Address(21), scenario.Query(6002, 99));

        using var client = harness.Anonymous();
        var body = await client.GetByteArrayAsync(new Uri($"scrape/{b}?info_hash={TrackerScenario.Encode(scenario.InfoHash.ToArray())}", UriKind.Relative));
        Assert.True(BencodeDecoder.DecodeDictionary(body).TryGetValue("files", out var filesValue));
        var files = (BencodeDictionary)filesValue;

        Assert.True(files.TryGetValue(scenario.InfoHash.ToArray(), out var entry));
        var counts = (BencodeDictionary)entry;
        Assert.Equal(1, TrackerScenario.Integer(counts, "complete"));
        Assert.Equal(1, TrackerScenario.Integer(counts, "incomplete"));
        Assert.Equal(1, TrackerScenario.Integer(counts, "downloaded"));
        var unassigned = await client.GetByteArrayAsync(new Uri($"scrape/{b}?info_hash={TrackerScenario.Encode(new byte[20])}", UriKind.Relative));
        Assert.Equal("d5:filesdee"u8.ToArray(), unassigned);
    }

    [Fact]
    public async Task Only_the_sites_wan_fetcher_is_handed_the_origin_and_the_web_seed()
    {
        using var admin = harness.Admin();
        var scenario = await TrackerScenario.CreateAsync(harness, admin);
        harness.Origin.PeerEndpoint ??= new IPEndPoint(IPAddress.Parse("127.0.0.250"), 6999);
        harness.Origin.Seed(scenario.InfoHash);
        var (_, first, _) = await scenario.AgentAsync();
        var (_, second, _) = await scenario.AgentAsync();

        var fetcher = await scenario.AnnounceWhenAssignedAsync(first, scenario.Address(30), scenario.Query(6001, 100));
        var waiter = await scenario.AnnounceAsync(second, scenario.Address(31), scenario.Query(6002, 100));

        var origin = harness.Origin.PeerEndpoint!;
        var fetcherPeers = TrackerScenario.Bytes(fetcher, "peers");
        Assert.Equal(origin.Address, new IPAddress(fetcherPeers.AsSpan(fetcherPeers.Length - 6, 4)));
        var seeds = (BencodeList)(fetcher.TryGetValue("x-edist-web-seeds", out var list) ? list : null!);
        Assert.Equal(new Uri(harness.BaseAddress, $"content/{first}/{scenario.InfoHash.ToHex()}/").ToString(), ((BencodeString)seeds[0]).ToUtf8String());
        var waiterPeers = TrackerScenario.Bytes(waiter, "peers");
        Assert.Equal(6, waiterPeers.Length);
        Assert.Equal(scenario.Address(30), new IPAddress(waiterPeers.AsSpan(0, 4)));
        Assert.False(waiter.ContainsKey("x-edist-web-seeds"));

        var report = await (await admin.GetAsync($"/api/v1/swarms/{scenario.VersionId}/sites/{scenario.SiteId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, report.GetProperty("fetchers").GetArrayLength());
        var decisions = report.GetProperty("peers").EnumerateArray().Select(p => p.GetProperty("wanDecision").GetString()).ToList();
        Assert.Contains(decisions, d => d!.StartsWith("elected WAN fetcher", StringComparison.Ordinal));
        Assert.Contains(decisions, d => d!.Contains("it waits for its site peers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trusted_proxys_forwarded_address_is_used_and_an_untrusted_clients_header_is_ignored()
    {
        using var admin = harness.Admin();
        var scenario = await TrackerScenario.CreateAsync(harness, admin);
        var (_, viaProxy, _) = await scenario.AgentAsync();
        var (_, spoofer, _) = await scenario.AgentAsync();
        var (_, reader, _) = await scenario.AgentAsync();
        await scenario.AnnounceWhenAssignedAsync(reader, scenario.Address(40), scenario.Query(6000, 100));

        using (var proxy = BoundHttpClient.Create(harness.BaseAddress, IPAddress.Parse("127.0.9.9")))
        {
            proxy.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.55.1, 127.0.9.9");
            await proxy.GetByteArrayAsync(new Uri($"announce/{viaProxy}?{scenario.Query(6001, 0)}", UriKind.Relative));
        }

        using (var client = BoundHttpClient.Create(harness.BaseAddress, scenario.Address(41)))
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.66.1");
            await client.GetByteArrayAsync(new Uri($"announce/{spoofer}?{scenario.Query(6002, 0)}", UriKind.Relative));
        }

        var peers = TrackerScenario.Bytes(await scenario.AnnounceAsync(reader, scenario.Address(40), scenario.Query(6000, 100)), "peers");
        var addresses = Enumerable.Range(0, peers.Length / 6).Select(i => new IPAddress(peers.AsSpan(i * 6, 4))).ToHashSet();
        Assert.Equal([IPAddress.Parse("127.0.55.1"), scenario.Address(41)], addresses);
    }

    [Fact]
    public async Task The_web_seed_admits_a_passkey_only_for_a_package_assigned_to_its_live_agent()
    {
        using var admin = harness.Admin();
        var scenario = await TrackerScenario.CreateAsync(harness, admin);
        var elsewhere = await TrackerScenario.CreateAsync(harness, admin);
        var (agentId, passkey, _) = await scenario.AgentAsync();
        await scenario.AnnounceWhenAssignedAsync(passkey, scenario.Address(50), scenario.Query(6000, 100));
        var authorizer = harness.Services.GetRequiredService<EnterpriseDistrib.Server.Origin.IWebSeedAuthorizer>();

        Assert.True(await authorizer.MayFetchAsync(passkey, scenario.InfoHash, CancellationToken.None));
        Assert.False(await authorizer.MayFetchAsync(passkey, elsewhere.InfoHash, CancellationToken.None));
        Assert.False(await authorizer.MayFetchAsync("not-a-passkey", scenario.InfoHash, CancellationToken.None));

        await (await admin.PostJsonAsync($"/api/v1/agents/{agentId}/revoke", null)).ExpectAsync(HttpStatusCode.NoContent);
        await Eventually.WaitForAsync(() => authorizer.MayFetchAsync(passkey, scenario.InfoHash, CancellationToken.None).AsTask(), allowed => !allowed,
            TimeSpan.FromSeconds(5), "the revocation to reach the web seed's check");
    }
}
