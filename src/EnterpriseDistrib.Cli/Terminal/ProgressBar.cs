using System.Diagnostics;

namespace EnterpriseDistrib.Cli.Terminal;

/// <summary>
/// Shows the progress of long work on standard error: one redrawn line on a terminal, a line every few
/// seconds when output is redirected (CI logs, files), so both people and logs see percentages.
/// </summary>
internal sealed class ProgressBar : IProgress<long>, IDisposable
{
    private const int BarWidth = 30;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    private readonly string _label;
    private readonly long _total;
    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private TimeSpan? _lastDraw;
    private long _current;
    private long _drawn = -1;
    private bool _finished;

    public ProgressBar(string label, long total, TextWriter? output = null)
    {
        _label = label;
        _total = Math.Max(total, 0);
        _output = output ?? Console.Error;
        _interactive = output is null && !Console.IsErrorRedirected;
    }

    /// <summary>Reports the amount done so far (not an increment).</summary>
    public void Report(long value)
    {
        lock (_gate)
        {
            _current = Math.Clamp(value, 0, _total);
            var now = _clock.Elapsed;
            var interval = _interactive ? RedrawInterval : LogInterval;
            if (_finished || (_lastDraw is { } last && now - last < interval && _current < _total))
            {
                return;
            }

            _lastDraw = now;
            Draw(now);
        }
    }

    /// <summary>Draws the final state and ends the line.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            if (_interactive || _drawn != _current)
            {
                Draw(_clock.Elapsed);
            }

            _finished = true;
            if (_interactive)
            {
                _output.WriteLine();
            }
        }
    }

    private void Draw(TimeSpan elapsed)
    {
        _drawn = _current;
        var fraction = _total == 0 ? 1.0 : (double)_current / _total;
        var rate = elapsed.TotalSeconds > 0 ? _current / elapsed.TotalSeconds : 0;
        var remaining = rate > 0 ? TimeSpan.FromSeconds((_total - _current) / rate) : (TimeSpan?)null;
        var text = $"{_label} {fraction,7:P1} {ByteSize.Format(_current)}/{ByteSize.Format(_total)} {ByteSize.Format((long)rate)}/s" +
                   (remaining is { } left && _current < _total ? $" {left:hh\\:mm\\:ss} left" : string.Empty);
        if (_interactive)
        {
            var filled = (int)(fraction * BarWidth);
            _output.Write($"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {text}  ");
        }
        else
        {
            _output.WriteLine(text);
        }
    }
}
