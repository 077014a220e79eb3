using System.Diagnostics;

namespace EnterpriseDistrib.Catalog.Tests.Status;

/// <summary>Counts the database commands Npgsql sends (its tracing activities), to prove a batch is one round trip.</summary>
internal sealed class CommandCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly List<string> _commands = [];
    private readonly Lock _gate = new();

    public CommandCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Every command or batch Npgsql sends is one activity; a physical connection open is not a round trip of the batch.
                if (activity.DisplayName != "connect")
                {
                    lock (_gate)
                    {
                        _commands.Add(activity.DisplayName + ": " + (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")));
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
