using System.Collections.Concurrent;

namespace EnterpriseDistrib.Agent.Tests.Infrastructure;

/// <summary>
/// The "database" of <see cref="ScriptedAgentServer"/>, kept outside it so a server can be stopped and started again
/// (an outage) without forgetting enrolled agents and stored reports.
/// </summary>
internal sealed class ScriptedServerState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid Agent, Guid Rollout), long> _newest = [];

    public ConcurrentDictionary<string, bool> EnrollmentTokens { get; } = new(); // token -> expired

    public ConcurrentDictionary<string, Guid> Credentials { get; } = new();

    public ConcurrentBag<Guid> Revoked { get; } = [];

    public ConcurrentQueue<(string Path, string RemoteAddress, string? Authorization)> Requests { get; } = new();

    /// <summary>Every report the server applied (its sequence was newer than the stored one), in order.</summary>
    public ConcurrentQueue<(Guid Agent, Guid Rollout, long Sequence, string State)> Applied { get; } = new();

    /// <summary>Every report received, applied or not.</summary>
    public ConcurrentQueue<(Guid Rollout, long Sequence)> Received { get; } = new();

    public ConcurrentQueue<string> Assignments { get; } = new(); // JSON objects

    /// <summary>The .torrent served per package version; versions not here get a placeholder.</summary>
    public ConcurrentDictionary<Guid, byte[]> Torrents { get; } = new();

    /// <summary>Every report received (the JSON object as sent), applied or not, in order.</summary>
    public ConcurrentQueue<System.Text.Json.Nodes.JsonNode> Reports { get; } = new();

    public Guid SiteId { get; } = Guid.NewGuid();

    public int HeartbeatSeconds { get; set; } = 300;

    /// <summary>When true, status requests answer 503 (the server's "not stored, send again").</summary>
    public bool StatusUnavailable { get; set; }

    /// <summary>Status requests still to answer 503 before the server "recovers".</summary>
    public int StatusFailuresLeft;

    /// <summary>Status requests still to store and then abort before answering (a lost acknowledgement).</summary>
    public int StatusAnswersToDrop;

    /// <summary>The server's dedupe rule (SqliteStatusUpsert): a report replaces the stored one only if its sequence is higher.</summary>
    public bool Apply(Guid agent, Guid rollout, long sequence, string state)
    {
        lock (_gate)
        {
            Received.Enqueue((rollout, sequence));
            if (_newest.TryGetValue((agent, rollout), out var stored) && stored >= sequence)
            {
                return false;
            }

            _newest[(agent, rollout)] = sequence;
            Applied.Enqueue((agent, rollout, sequence, state));
            return true;
        }
    }
}
