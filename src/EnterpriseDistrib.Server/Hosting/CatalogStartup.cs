using EnterpriseDistrib.Catalog;

namespace EnterpriseDistrib.Server.Hosting;

/// <summary>Brings the catalog schema up to date at start-up when <c>Catalog:MigrateOnStartup</c> is true.</summary>
internal sealed partial class CatalogStartup(CatalogMigrator migrator, CatalogOptions options, ILogger<CatalogStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.MigrateOnStartup)
        {
            LogSkipped(logger, options.Provider);
            return;
        }

        var applied = await migrator.MigrateAsync(cancellationToken);
        LogMigrated(logger, options.Provider, applied.Count == 0 ? "nothing to apply" : string.Join(", ", applied));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog ({Provider}) not migrated at start-up (Catalog:MigrateOnStartup=false); run 'edist db migrate' after upgrades.")]
    private static partial void LogSkipped(ILogger logger, CatalogProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog ({Provider}) schema: {Applied}.")]
    private static partial void LogMigrated(ILogger logger, CatalogProvider provider, string applied);
}
