using System.Collections;
using System.Text.Json.Nodes;
using EnterpriseDistrib.Agent.Hosting;
using EnterpriseDistrib.Agent.Tests.Infrastructure;

namespace EnterpriseDistrib.Agent.Tests.Rollouts;

/// <summary>The real agent process against the scripted server, an opentracker and a real seed on 127.0.0.50, with sh installers.</summary>
public sealed class RolloutProcessTests : IDisposable
{
    private const int MiB = 1024 * 1024;

    private readonly TempFolder _root = new();

    private string Data => Path.Combine(_root.Path, "agent");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task An_assignment_is_downloaded_from_the_seed_verified_installed_and_reported_installed_once()
    {
        var marker = Path.Combine(_root.Path, "installed.txt");
        await using var swarm = await PackageSwarm.StartAsync(
            Path.Combine(_root.Path, "origin"), new PackageContent("app", "#!/bin/sh\nwc -c < payload.bin > \"$1\"\n", 8 * MiB));
        var package = swarm.Packages[0];
        await using var server = await ScriptedAgentServer.StartAsync();
        var rollout = Guid.NewGuid();
        server.State.Torrents[package.VersionId] = package.Torrent;
        server.State.Assignments.Enqueue(swarm.Assignment(package, rollout, new { kind = "Script", command = "install.sh", arguments = marker, timeoutSeconds = 60 }));
        await AgentRun.EnrollAsync(server, Data, "127.0.0.60");

        using var agent = AgentRun.Start(Data);
        await AgentRun.UntilAsync(() => AgentRun.States(server, rollout).Contains("Succeeded"), agent, "the Succeeded report");
        var polls = server.State.Requests.Count(r => r.Path == "/api/v1/agent/assignments");
        await AgentRun.UntilAsync(() => server.State.Requests.Count(r => r.Path == "/api/v1/agent/assignments") >= polls + 10, agent, "ten more polls");
        var output = new StringWriter();
        var statusCode = await new AgentCli(output, new StringWriter(), _ => { }, new Hashtable()).InvokeAsync(["status", "--data", Data]);

        var announced = await swarm.Tracker.PeersAsync(package.Metainfo.InfoHash);

        var states = AgentRun.States(server, rollout);
        Assert.Equal(1, states.Count(s => s == "Succeeded"));
        Assert.Contains("127.0.0.60", announced); // The announce left from the agent's bind address ...
        Assert.Equal(["127.0.0.60"], swarm.UploadedTo(package)); // ... and so did its peer connection.
        Assert.Equal(["Downloaded", "Installing", "Succeeded"], states.Where(s => s is "Downloaded" or "Installing" or "Succeeded"));
        Assert.Equal((8 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture), (await File.ReadAllTextAsync(marker)).Trim());
        var downloaded = AgentRun.Reports(server, rollout).Single(r => (string)r["state"]! == "Downloaded");
        var transfers = downloaded["transfers"]!.AsArray();
        Assert.Equal("127.0.0.50", (string)transfers.Single()!["sourceAddress"]!); // The seed, by address: the server classifies it.
        Assert.InRange((long)transfers.Single()!["bytes"]!, package.Metainfo.Layout.TotalLength, package.Metainfo.Layout.TotalLength + (2 * MiB));
        Assert.Equal(AgentExitCodes.Success, statusCode);
        Assert.Contains("rollout-app", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Installed, 100.0 % verified", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("from 127.0.0.50:", output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Data, "cache", package.Metainfo.InfoHash.ToHex(), "app", "payload.bin")), "the package stays in the cache to seed");
    }

    [Fact]
    public async Task Exit_codes_timeouts_reboots_and_detection_rules_each_give_their_report()
    {
        var installedMarker = Path.Combine(_root.Path, "already-installed");
        await File.WriteAllTextAsync(installedMarker, "v1");
        await using var swarm = await PackageSwarm.StartAsync(
            Path.Combine(_root.Path, "origin"),
            new PackageContent("fails", "#!/bin/sh\necho preparing\necho 'disk full: cannot write /opt/app' >&2\nexit 3\n", 64 * 1024),
            new PackageContent("hangs", "#!/bin/sh\nexec sleep 60\n", 64 * 1024),
            new PackageContent("reboots", "#!/bin/sh\nexit 194\n", 64 * 1024),
            new PackageContent("present", "#!/bin/sh\ntouch \"$1\"\n", 64 * 1024),
            new PackageContent("registry", "#!/bin/sh\nexit 0\n", 64 * 1024));
        await using var server = await ScriptedAgentServer.StartAsync();
        var rollouts = swarm.Packages.ToDictionary(p => p.Content.Name, _ => Guid.NewGuid());
        var presentRan = Path.Combine(_root.Path, "present-ran");
        object Script(int timeout = 60, int[]? reboot = null, object? detection = null, string? arguments = null) =>
            new { kind = "Script", command = "install.sh", arguments, timeoutSeconds = timeout, rebootExitCodes = reboot, detection };
        var installs = new Dictionary<string, object>
        {
            ["fails"] = Script(),
            ["hangs"] = Script(timeout: 1),
            ["reboots"] = Script(reboot: [194]),
            ["present"] = Script(detection: new { kind = "FileExists", target = installedMarker }, arguments: presentRan),
            ["registry"] = Script(detection: new { kind = "RegistryValue", target = @"HKLM\SOFTWARE\Vendor\App\Version", value = "1.0" }),
        };
        foreach (var package in swarm.Packages)
        {
            server.State.Torrents[package.VersionId] = package.Torrent;
            server.State.Assignments.Enqueue(swarm.Assignment(package, rollouts[package.Content.Name], installs[package.Content.Name]));
        }

        await AgentRun.EnrollAsync(server, Data, "127.0.0.61");
        using var agent = AgentRun.Start(Data);
        string[] final = ["Succeeded", "SucceededRebootRequired", "Failed", "Skipped"];
        await AgentRun.UntilAsync(() => rollouts.Values.All(r => AgentRun.States(server, r).Any(final.Contains)), agent, "a final report for every rollout");
        JsonNode Last(string name) => AgentRun.Reports(server, rollouts[name])[^1];

        Assert.Equal("Failed", (string)Last("fails")["state"]!);
        Assert.Equal(3, (int)Last("fails")["exitCode"]!);
        Assert.Contains("disk full: cannot write /opt/app", (string)Last("fails")["error"]!, StringComparison.Ordinal);
        Assert.Equal("Failed", (string)Last("hangs")["state"]!);
        Assert.Null(Last("hangs")["exitCode"]);
        Assert.Contains("timed out", (string)Last("hangs")["error"]!, StringComparison.Ordinal);
        Assert.Equal("SucceededRebootRequired", (string)Last("reboots")["state"]!);
        Assert.Equal(194, (int)Last("reboots")["exitCode"]!);
        Assert.Equal("Skipped", (string)Last("present")["state"]!);
        Assert.Contains(installedMarker, (string)Last("present")["error"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("Downloading", AgentRun.States(server, rollouts["present"]));
        Assert.False(File.Exists(presentRan), "a skipped package's installer never runs");
        Assert.Equal("Succeeded", (string)Last("registry")["state"]!);
        Assert.Contains("needs the Windows registry", agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killed_mid_download_it_resumes_from_verified_pieces_and_killed_mid_install_it_reports_interrupted_and_retries()
    {
        const long size = 64L * MiB;
        var marker = Path.Combine(_root.Path, "install");
        var script = "#!/bin/sh\nif [ -f \"$1.first\" ]; then echo done > \"$1\"; exit 0; fi\ntouch \"$1.first\"\nexec sleep 120\n";
        await using var swarm = await PackageSwarm.StartAsync(Path.Combine(_root.Path, "origin"), new PackageContent("big", script, size));
        var package = swarm.Packages[0];
        await using var server = await ScriptedAgentServer.StartAsync();
        var rollout = Guid.NewGuid();
        server.State.Torrents[package.VersionId] = package.Torrent;
        server.State.Assignments.Enqueue(swarm.Assignment(package, rollout, new { kind = "Script", command = "install.sh", arguments = marker, timeoutSeconds = 300 }));
        await AgentRun.EnrollAsync(server, Data, "127.0.0.62");

        long verifiedAtKill;
        using (var slow = AgentRun.Start(Data, "--Agent:DownloadRateLimit=4194304"))
        {
            await AgentRun.UntilAsync(() => AgentRun.DownloadAsync(Data, rollout).Result is { VerifiedBytes: >= 16 * MiB }, slow, "a quarter verified");
            verifiedAtKill = (await AgentRun.DownloadAsync(Data, rollout))!.VerifiedBytes;
        } // SIGKILL, with the whole process tree.

        long receivedAfterRestart;
        using (var resumed = AgentRun.Start(Data))
        {
            await AgentRun.UntilAsync(() => File.Exists(marker + ".first") && AgentRun.DownloadAsync(Data, rollout).Result is { Stage: "Installing" }, resumed, "the first install to start");
            receivedAfterRestart = (await AgentRun.DownloadAsync(Data, rollout))!.BytesReceived;
        } // SIGKILL during the install.

        using var retried = AgentRun.Start(Data);
        await AgentRun.UntilAsync(
            () => AgentRun.States(server, rollout).Contains("Succeeded") && AgentRun.DownloadAsync(Data, rollout).Result is { Stage: "Installed" }, retried, "the retried install");
        var received = (await AgentRun.DownloadAsync(Data, rollout))!.BytesReceived;

        Assert.InRange(verifiedAtKill, 16 * MiB, size - 1);
        Assert.InRange(receivedAfterRestart, 1, size - verifiedAtKill + (4 * MiB));
        Assert.Equal(0, received);
        var reports = AgentRun.Reports(server, rollout);
        var interrupted = Assert.Single(reports, r => ((string?)r["error"])?.StartsWith("Interrupted", StringComparison.Ordinal) == true);
        Assert.Equal("Pending", (string)interrupted["state"]!);
        Assert.Equal(1, reports.Count(r => (string)r["state"]! == "Succeeded"));
        Assert.Equal("done", (await File.ReadAllTextAsync(marker)).Trim());
    }
}
