using System.Globalization;
using System.Text.Json;

namespace EnterpriseDistrib.Agent.Outbox;

/// <summary>
/// Reports that survive an agent restart and a server outage: each message is one file in the agent's
/// data folder, written to a temporary name, flushed to disk and renamed, so after a crash a message is
/// either wholly there or not at all. Delivered messages are deleted once the server acknowledged them.
/// Files that cannot be read (a foreign or damaged file) are moved aside, never sent and never lost.
/// </summary>
public sealed class DurableOutbox
{
    private const string Extension = ".msg";
    private const string TemporaryExtension = ".tmp";
    private const string DamagedFolderName = "damaged";
    private const string SequenceMarkName = "acknowledged.seq";

    private readonly string _folder;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastSequence = -1;

    public DurableOutbox(string folder, TimeProvider timeProvider)
    {
        _folder = Directory.CreateDirectory(folder).FullName;
        _timeProvider = timeProvider;
    }

    /// <summary>Stores a message durably; when this returns, it will be delivered even if the agent crashes next.</summary>
    public async Task<OutboxMessage> EnqueueAsync(string kind, string payload, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_lastSequence < 0)
            {
                // The server keeps a report only if its sequence is higher than the last it stored, so numbering
                // must continue after a restart even when every earlier message was acknowledged and deleted.
                _lastSequence = Math.Max(Pending().Select(p => p.Sequence).DefaultIfEmpty(0).Max(), ReadSequenceMark());
            }

            var message = new OutboxMessage(++_lastSequence, Guid.NewGuid(), kind, payload, _timeProvider.GetUtcNow());
            var path = PathOf(message.Sequence);
            var temporary = path + TemporaryExtension;
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(stream, message, cancellationToken: cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path);
            return message;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The oldest messages not yet acknowledged, in the order they were enqueued.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> PeekAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var messages = new List<OutboxMessage>(max);
        foreach (var (_, path) in Pending().OrderBy(p => p.Sequence))
        {
            if (messages.Count == max)
            {
                break;
            }

            try
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
                var message = await JsonSerializer.DeserializeAsync<OutboxMessage>(stream, cancellationToken: cancellationToken);
                if (message is null || message.Id == Guid.Empty)
                {
                    throw new JsonException("empty message");
                }

                messages.Add(message);
            }
            catch (JsonException)
            {
                SetAside(path);
            }
        }

        return messages;
    }

    /// <summary>Forgets messages the server has acknowledged.</summary>
    public void Acknowledge(IEnumerable<OutboxMessage> delivered)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        var messages = delivered.ToList();
        if (messages.Count == 0)
        {
            return;
        }

        // The mark is written before the files go, so the highest sequence used is never forgotten.
        WriteSequenceMark(Math.Max(ReadSequenceMark(), messages.Max(m => m.Sequence)));
        foreach (var message in messages)
        {
            File.Delete(PathOf(message.Sequence));
        }
    }

    /// <summary>Moves a message the server refused as invalid out of the queue (kept under <c>damaged/</c> for a person to read).</summary>
    public void Reject(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        WriteSequenceMark(Math.Max(ReadSequenceMark(), message.Sequence));
        var path = PathOf(message.Sequence);
        if (File.Exists(path))
        {
            SetAside(path);
        }
    }

    public int Count => Pending().Count();

    private IEnumerable<(long Sequence, string Path)> Pending()
    {
        foreach (var path in Directory.EnumerateFiles(_folder, "*" + Extension))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                yield return (sequence, path);
            }
        }
    }

    private long ReadSequenceMark()
    {
        try
        {
            return long.TryParse(File.ReadAllText(Path.Combine(_folder, SequenceMarkName)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var mark) ? mark : 0;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    private void WriteSequenceMark(long sequence)
    {
        var path = Path.Combine(_folder, SequenceMarkName);
        var temporary = path + TemporaryExtension;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(sequence.ToString(CultureInfo.InvariantCulture)));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(long sequence) =>
        Path.Combine(_folder, sequence.ToString("D19", CultureInfo.InvariantCulture) + Extension);

    private void SetAside(string path)
    {
        var damaged = Directory.CreateDirectory(Path.Combine(_folder, DamagedFolderName)).FullName;
        File.Move(path, Path.Combine(damaged, Path.GetFileName(path)), overwrite: true);
    }
}
