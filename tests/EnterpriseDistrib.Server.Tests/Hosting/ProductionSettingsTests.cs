using System.Globalization;
using EnterpriseDistrib.Server.Tests.Infrastructure;

namespace EnterpriseDistrib.Server.Tests.Hosting;

/// <summary>The production settings (PostgreSQL, ADO.NET clustering, Entra ID) refuse to start half-configured, saying what to set.</summary>
public sealed class ProductionSettingsTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Production_without_a_catalog_connection_string_stops_and_names_the_setting()
    {
        await using var server = ServerProcess.Start("Production", "--urls", $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");

        Assert.True(await server.WaitForExitAsync(ExitTimeout));
        Assert.NotEqual(0, server.ExitCode);
        Assert.Contains("ConnectionStrings:Catalog", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_without_entra_settings_stops_and_names_them()
    {
        await using var server = ServerProcess.Start("Production",
            "--urls", $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
            "--ConnectionStrings:Catalog=Host=127.0.0.1;Port=1;Username=nobody");

        Assert.True(await server.WaitForExitAsync(ExitTimeout));
        Assert.NotEqual(0, server.ExitCode);
        Assert.Contains("AzureAd:ClientId", server.Output, StringComparison.Ordinal);
    }
}
