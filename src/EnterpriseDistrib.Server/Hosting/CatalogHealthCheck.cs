using EnterpriseDistrib.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseDistrib.Server.Hosting;

/// <summary>Ready when the catalog database accepts a connection.</summary>
internal sealed class CatalogHealthCheck(IDbContextFactory<CatalogDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("catalog database reachable")
                : HealthCheckResult.Unhealthy("catalog database refused the connection");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("catalog database unreachable: " + exception.Message);
        }
    }
}
