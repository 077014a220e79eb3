using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.ControlPlane.Abstractions;

namespace EnterpriseDistrib.Server.Hosting;

/// <summary>
/// Makes sure every scheduled or running rollout has its grain awake, so waves open on time after a
/// restart or a deactivation. Each grain arms its own precise timer; this is the safety net.
/// </summary>
internal sealed partial class RolloutClock(RolloutStore rollouts, IGrainFactory grains, TimeProvider time, ILogger<RolloutClock> logger) : BackgroundService
{
    /// <summary>How often the clock looks for rollouts whose grain should be awake.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static readonly RolloutStatus[] Watched = [RolloutStatus.Scheduled, RolloutStatus.Running];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                foreach (var rollout in await rollouts.ListByStatusAsync(Watched, stoppingToken))
                {
                    await grains.GetGrain<IRolloutGrain>(rollout.Id).GetSnapshot();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking rollout grains failed; retrying at the next tick.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
