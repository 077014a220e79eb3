using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.Server.Hosting;

try
{
    var app = ServerHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (exception is ServerConfigurationException or CatalogConfigurationException)
{
    // A settings mistake is the operator's to fix: say what, without a stack trace.
    Console.Error.WriteLine($"EnterpriseDistrib.Server: {exception.Message}");
    return 1;
}

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
