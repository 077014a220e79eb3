using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EnterpriseDistrib.Server.Auth;

/// <summary>
/// Shouts that development auth is on, and stops the server if it ended up listening beyond loopback
/// despite the configuration check (e.g. addresses set in code or by a hosting platform).
/// </summary>
internal sealed partial class DevelopmentModeGuard(
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<DevelopmentModeGuard> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogDevelopmentAuth(logger);
        lifetime.ApplicationStarted.Register(CheckBoundAddresses);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void CheckBoundAddresses()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(address => !LoopbackBinding.IsLoopback(address)).ToArray();
        if (exposed.Length > 0)
        {
            LogExposed(logger, string.Join(", ", exposed));
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "!!! DEVELOPMENT AUTH IS ON !!! This server mints its own Admin tokens at POST /dev/token for anyone who asks. " +
        "It listens on loopback only; never use this mode on a shared or production machine (set Auth:Mode=EntraId).")]
    private static partial void LogDevelopmentAuth(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message =
        "Development auth refuses to serve on non-loopback addresses ({Addresses}); stopping. Bind to 127.0.0.1 or localhost, or set Auth:Mode=EntraId.")]
    private static partial void LogExposed(ILogger logger, string addresses);
}
