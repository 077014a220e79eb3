using EnterpriseDistrib.Server.Auth;
using Microsoft.Extensions.Configuration;

namespace EnterpriseDistrib.Server.Tests.Auth;

public sealed class LoopbackBindingTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://127.3.4.5:80", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://10.1.2.3:5000", false)]
    [InlineData("http://server.corp:5000", false)]
    public void Only_loopback_addresses_count_as_loopback(string url, bool loopback) =>
        Assert.Equal(loopback, LoopbackBinding.IsLoopback(url));

    [Fact]
    public void Ports_from_http_ports_listen_everywhere_and_are_reported()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:5080;http://0.0.0.0:5081",
            ["http_ports"] = "8080",
            ["Kestrel:Endpoints:Public:Url"] = "https://10.0.0.5:443",
        }).Build();

        Assert.Equal(["http://0.0.0.0:5081", "http://*:8080", "https://10.0.0.5:443"], LoopbackBinding.NonLoopbackConfigured(configuration));
    }
}
