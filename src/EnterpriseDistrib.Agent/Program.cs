var builder = Host.CreateApplicationBuilder(args);

// One build serves both: a Windows Service on Windows, a systemd unit (notify + journal logging) on Linux.
builder.Services.AddWindowsService(options => options.ServiceName = "EnterpriseDistrib Agent");
builder.Services.AddSystemd();

using var host = builder.Build();
await host.RunAsync();
