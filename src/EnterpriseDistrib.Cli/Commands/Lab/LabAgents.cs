namespace EnterpriseDistrib.Cli.Commands.Lab;

/// <summary>Enrolls and runs the lab's agents, each its own process bound to its office's loopback address.</summary>
internal sealed class LabAgents(LabOptions options, Uri server) : IAsyncDisposable
{
    private const string AgentAssembly = "edist-agent.dll";
    private const int ParallelEnrollments = 4;
    private readonly List<LabProcess> _running = [];

    public int Count => _running.Count;

    /// <summary>Enrolls every agent with <paramref name="enrollmentToken"/>, then starts them all.</summary>
    public async Task StartAsync(string enrollmentToken, CancellationToken cancellationToken)
    {
        var agents = Enumerable.Range(1, options.Sites)
            .SelectMany(site => Enumerable.Range(1, options.AgentsPerSite).Select(agent => (Site: site, Agent: agent)))
            .ToList();
        var enrolled = 0;
        await Parallel.ForEachAsync(agents, new ParallelOptions { MaxDegreeOfParallelism = ParallelEnrollments, CancellationToken = cancellationToken }, async (agent, ct) =>
        {
            await EnrollAsync(agent.Site, agent.Agent, enrollmentToken, ct);
            Console.Error.Write($"\rEnrolled {Interlocked.Increment(ref enrolled)}/{agents.Count} agents");
        });
        Console.Error.WriteLine();

        foreach (var (site, agent) in agents)
        {
            _running.Add(LabProcess.Start(NameOf(site, agent), AgentAssembly, RunArguments(site, agent), LogOf(site, agent)));
        }
    }

    /// <summary>Throws when an agent process died: a lab whose agents crash cannot finish.</summary>
    public void ThrowIfAnyExited()
    {
        if (_running.FirstOrDefault(p => p.HasExited) is { } dead)
        {
            throw new LabException($"{dead.Name} exited with code {dead.ExitCode}; see {Path.Combine(options.DataFolder, "agents", dead.Name, "agent.log")}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_running.Select(p => p.DisposeAsync().AsTask()));
        _running.Clear();
    }

    private async Task EnrollAsync(int site, int agent, string token, CancellationToken cancellationToken)
    {
        string[] arguments = ["enroll", "--server", server.ToString(), "--token", token, "--data", FolderOf(site, agent), "--bind", LabOptions.AddressOf(site, agent)];
        await using var enroll = LabProcess.Start(NameOf(site, agent) + " enrollment", AgentAssembly, arguments, LogOf(site, agent));
        if (await enroll.WaitAsync(cancellationToken) is var code and not 0)
        {
            throw new LabException($"Enrolling {NameOf(site, agent)} failed with exit code {code}; see {LogOf(site, agent)}.");
        }
    }

    // Short periods: a lab should react in seconds, not at a production fleet's pace.
    private IEnumerable<string> RunArguments(int site, int agent) =>
    [
        "run",
        "--data", FolderOf(site, agent),
        $"--Agent:BindAddress={LabOptions.AddressOf(site, agent)}",
        "--Agent:PeerPort=0",
        "--Agent:PollInterval=00:00:02",
        "--Agent:HeartbeatInterval=00:00:15",
        "--Agent:ProgressReportInterval=00:00:02",
        "--Agent:BackoffInitial=00:00:01",
        "--Agent:BackoffMax=00:00:05",
        "--Agent:CacheQuotaBytes=" + Math.Max(options.PackageBytes * 3, 1L << 30),
    ];

    private static string NameOf(int site, int agent) => $"site{site:D2}-agent{agent:D2}";

    private string FolderOf(int site, int agent) => Path.Combine(options.DataFolder, "agents", NameOf(site, agent));

    private string LogOf(int site, int agent) => Path.Combine(FolderOf(site, agent), "agent.log");
}
