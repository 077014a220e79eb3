using System.Text;

namespace EnterpriseDistrib.Agent.Installers;

/// <summary>
/// Keeps the last lines an installer printed, bounded in count and size, so a chatty installer cannot
/// exhaust the agent's memory while its last words still reach the failure report.
/// </summary>
internal sealed class OutputTail(int maxLines = 200, int maxLineLength = 1024)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Enqueue(line.Length <= maxLineLength ? line : line[..maxLineLength] + "…");
            while (_lines.Count > maxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return string.Join('\n', _lines);
        }
    }

    /// <summary>The last <paramref name="maxBytes"/> of a log file, decoded by its byte-order mark (msiexec writes UTF-16).</summary>
    public static string OfFile(string path, int maxBytes = 16 * 1024)
    {
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        using var file = File.OpenHandle(path);
        var length = RandomAccess.GetLength(file);
        var head = new byte[Math.Min(3, length)];
        RandomAccess.Read(file, head, 0);
        var encoding = head is [0xFF, 0xFE, ..] ? Encoding.Unicode : head is [0xFE, 0xFF, ..] ? Encoding.BigEndianUnicode : Encoding.UTF8;
        var start = Math.Max(0, length - maxBytes);
        if (encoding != Encoding.UTF8 && start % 2 == 1)
        {
            start++;
        }

        var tail = new byte[length - start];
        var read = RandomAccess.Read(file, tail, start);
        return encoding.GetString(tail, 0, read).TrimStart('\uFEFF');
    }
}
