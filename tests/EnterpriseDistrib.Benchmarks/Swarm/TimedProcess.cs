using System.Diagnostics;
using System.Globalization;

namespace EnterpriseDistrib.Benchmarks.Swarm;

/// <summary>What GNU time reported for one finished peer process.</summary>
internal sealed record ProcessStats(int ExitCode, double ElapsedSeconds, double UserSeconds, double SystemSeconds, long MaxResidentKiB)
{
    public double CpuSeconds => UserSeconds + SystemSeconds;
}

/// <summary>
/// One peer process run under <c>/usr/bin/time</c>, so its wall time, CPU time and peak memory are
/// measured by the kernel the same way for our engine and for the reference clients.
/// </summary>
internal sealed class TimedProcess : IAsyncDisposable
{
    private const string TimeExecutable = "/usr/bin/time";
    private const int ClockTicksPerSecond = 100;
    private const int KeptOutputLines = 40;

    private readonly Process _time;
    private readonly string _statsFile;
    private readonly Queue<string> _lastLines = new();
    private readonly Lock _gate = new();

    private TimedProcess(Process time, string statsFile, string name)
    {
        _time = time;
        _statsFile = statsFile;
        Name = name;
        _time.OutputDataReceived += (_, e) => Keep(e.Data);
        _time.ErrorDataReceived += (_, e) => Keep(e.Data);
        _time.BeginOutputReadLine();
        _time.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool HasExited => _time.HasExited;

    /// <summary>The last lines the process printed, for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_gate)
            {
                return string.Join(Environment.NewLine, _lastLines);
            }
        }
    }

    public static TimedProcess Start(string name, string executable, IEnumerable<string> arguments, string workFolder)
    {
        var statsFile = Path.Combine(workFolder, $"time-{name}-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo(TimeExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workFolder,
        };
        foreach (var argument in new[] { "-f", "%x %e %U %S %M", "-o", statsFile, executable }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        return new TimedProcess(process, statsFile, name);
    }

    /// <summary>Waits for the process to end by itself and returns what GNU time measured.</summary>
    public async Task<ProcessStats> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _time.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not finish within {timeout}. Its last output:{Environment.NewLine}{RecentOutput}");
        }

        return ReadStats();
    }

    /// <summary>Asks the measured process to stop (SIGINT, like Ctrl-C) and returns its stats once it has.</summary>
    public async Task<ProcessStats> StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (ChildProcessId() is { } child)
        {
            using var kill = Process.Start("kill", ["-INT", child.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(cancellationToken);
        }

        try
        {
            return await WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            _time.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>User + system CPU seconds the measured process has used so far (from /proc).</summary>
    public double CpuSecondsSoFar()
    {
        if (ChildProcessId() is not { } child)
        {
            return 0;
        }

        var stat = File.ReadAllText($"/proc/{child}/stat");

        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (double)ticks / ClockTicksPerSecond;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_time.HasExited)
        {
            _time.Kill(entireProcessTree: true);
            await _time.WaitForExitAsync();
        }

        _time.Dispose();
        File.Delete(_statsFile);
    }

    private int? ChildProcessId()
    {
        var path = $"/proc/{_time.Id}/task/{_time.Id}/children";
        var text = File.Exists(path) ? File.ReadAllText(path).Trim() : string.Empty;
        return text.Length == 0 ? null : int.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private ProcessStats ReadStats()
    {
        // GNU time writes "Command exited with non-zero status N" or "Command terminated by signal N" before the format line.
        var lines = File.Exists(_statsFile) ? File.ReadAllLines(_statsFile) : [];
        var values = lines.LastOrDefault()?.Split(' ') ?? [];
        if (values.Length != 5)
        {
            throw new InvalidOperationException($"{Name}: GNU time wrote no statistics (exit {_time.ExitCode}). Its last output:{Environment.NewLine}{RecentOutput}");
        }

        double Number(int i) => double.Parse(values[i], CultureInfo.InvariantCulture);
        return new ProcessStats((int)Number(0), Number(1), Number(2), Number(3), (long)Number(4));
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptOutputLines)
            {
                _lastLines.Dequeue();
            }
        }
    }
}
