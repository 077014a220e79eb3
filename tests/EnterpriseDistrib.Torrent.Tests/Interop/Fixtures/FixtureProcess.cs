using System.Diagnostics;
using System.Text;

namespace EnterpriseDistrib.Torrent.Tests.Interop.Fixtures;

/// <summary>
/// A child process for interop tests: output (stdout and stderr) captured for failure messages, a hard lifetime after
/// which it is killed, and the whole process tree killed on dispose.
/// </summary>
public sealed class FixtureProcess : IAsyncDisposable
{
    private const int MaxOutputChars = 64 * 1024;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly CancellationTokenSource _lifetime;
    private readonly CancellationTokenRegistration _lifetimeKill;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaitedText = [];

    private FixtureProcess(Process process, TimeSpan lifetime)
    {
        _process = process;
        _lifetime = new CancellationTokenSource(lifetime);
        _lifetimeKill = _lifetime.Token.Register(() => Kill($"its lifetime of {lifetime} ran out"));
    }

    public string Name => Path.GetFileName(_process.StartInfo.FileName);

    public int Id { get; private set; }

    public Task<int> Exited => _exited.Task;

    /// <summary>The last 64 KiB of stdout and stderr, interleaved as received.</summary>
    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    /// <summary>Starts <paramref name="fileName"/>; it is killed after <paramref name="lifetime"/> whatever happens.</summary>
    public static FixtureProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan lifetime)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var fixture = new FixtureProcess(process, lifetime);
        process.OutputDataReceived += (_, e) => fixture.Append(e.Data);
        process.ErrorDataReceived += (_, e) => fixture.Append(e.Data);
        process.Exited += (_, _) => fixture._exited.TrySetResult(process.ExitCode);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{fileName} did not start.");
        }

        fixture.Id = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return fixture;
    }

    /// <summary>The exit code; on timeout the process is killed and a <see cref="TimeoutException"/> carries its output.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            var code = await _exited.Task.WaitAsync(timeout);

            // Exited fires before the last output lines are read; wait for the streams to drain.
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return code;
        }
        catch (TimeoutException)
        {
            Kill("it did not exit in time");
            throw new TimeoutException($"{Name} (pid {Id}) did not exit within {timeout}. Output:\n{Output}");
        }
    }

    /// <summary>Completes when a line containing <paramref name="text"/> has been printed; fails if the process exits first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            _awaitedText.Add((text, seen));
        }

        await ((Task)Task.WhenAny(seen.Task, _exited.Task)).WaitAsync(timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!seen.Task.IsCompleted)
        {
            var why = _exited.Task.IsCompleted ? $"exited with {_exited.Task.Result}" : $"did not print it within {timeout}";
            throw new TimeoutException($"{Name} (pid {Id}) {why} while waiting for \"{text}\". Output:\n{Output}");
        }
    }

    /// <summary>Sends a POSIX signal (e.g. "HUP") through kill(1): .NET has no API for signals other than kill.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Id} exited with {kill.ExitCode}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill("the test is over");
        await ((Task)_exited.Task).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _lifetimeKill.DisposeAsync();
        _lifetime.Dispose();
        _process.Dispose();
    }

    private void Kill(string why)
    {
        try
        {
            if (!_process.HasExited)
            {
                Append($"[fixture] killing {Name}: {why}");
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(line).Append('\n');
            if (_output.Length > MaxOutputChars)
            {
                _output.Remove(0, _output.Length - MaxOutputChars);
            }

            for (var i = _awaitedText.Count - 1; i >= 0; i--)
            {
                if (line.Contains(_awaitedText[i].Text, StringComparison.Ordinal))
                {
                    _awaitedText[i].Seen.TrySetResult();
                    _awaitedText.RemoveAt(i);
                }
            }
        }
    }
}
