namespace EnterpriseDistrib.Server.Tracker;

/// <summary>Refreshes <see cref="TrackerDirectory"/> every <see cref="TrackerOptions.CatalogRefresh"/>; a failed read keeps the last facts and is retried next period.</summary>
internal sealed partial class TrackerCatalogRefresher(TrackerDirectory directory, TrackerOptions options, TimeProvider time, ILogger<TrackerCatalogRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CatalogRefresh, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await directory.RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRefreshFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tracker could not refresh agents and assignments from the catalog; it keeps the last ones and retries.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
