using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using EnterpriseDistrib.Server.Tests.Infrastructure;

namespace EnterpriseDistrib.Server.Tests.Hosting;

/// <summary>The real server process on its embedded defaults: SQLite in a data folder, one silo, development auth on loopback.</summary>
public sealed class EmbeddedDefaultsTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_server_starts_on_its_defaults_and_serves_the_api_with_development_tokens()
    {
        var port = FreePort.Next();
        await using var server = ServerProcess.Start("Development",
            "--urls", $"http://127.0.0.1:{port}",
            "--ConnectionStrings:Catalog=Data Source={data}/catalog.db",
            $"--Silo:SiloPort={FreePort.Next().ToString(CultureInfo.InvariantCulture)}");
        await server.WaitUntilStartedAsync(StartTimeout);
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        using var anonymous = new HttpClient { BaseAddress = baseAddress };

        var ready = await (await anonymous.GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(server.DataFolder, "catalog.db")));
        Assert.Contains("DEVELOPMENT AUTH IS ON", server.Output, StringComparison.Ordinal);

        var token = (await (await anonymous.PostJsonAsync("/dev/token?role=Admin&name=Dev%20Admin", null)).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("access_token").GetString();
        using var admin = new HttpClient { BaseAddress = baseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var site = await (await admin.PostJsonAsync("/api/v1/sites", new { name = "office-77", ranges = new[] { "127.0.77.0/24" } })).ExpectAsync(HttpStatusCode.Created);

        var viewerToken = (await (await anonymous.PostJsonAsync("/dev/token?role=Viewer", null)).ExpectAsync(HttpStatusCode.OK)).GetProperty("access_token").GetString();
        using var viewer = new HttpClient { BaseAddress = baseAddress };
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", viewerToken);
        using var forbidden = await viewer.PostJsonAsync("/api/v1/sites", new { name = "nope", ranges = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        // Placement by the address the agent connects from: a client bound to 127.0.77.9 lands in office-77.
        var secret = (await (await admin.PostJsonAsync("/api/v1/enrollment-tokens", new { description = "lab" })).ExpectAsync(HttpStatusCode.Created)).GetProperty("secret").GetString();
        using var fromOffice = BoundHttpClient.Create(baseAddress, IPAddress.Parse("127.0.77.9"));
        var enrolled = await (await fromOffice.PostJsonAsync("/api/v1/agent/enroll", new { enrollmentToken = secret, hostname = "pc-77" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(site.GetProperty("id").GetString(), enrolled.GetProperty("siteId").GetString());
        Assert.Contains("127.0.77.0/24", enrolled.GetProperty("siteReason").GetString(), StringComparison.Ordinal);

        // The same agent calling in from another office's range is re-placed there on its heartbeat.
        var other = await (await admin.PostJsonAsync("/api/v1/sites", new { name = "office-78", ranges = new[] { "127.0.78.0/24" } })).ExpectAsync(HttpStatusCode.Created);
        using var fromOther = BoundHttpClient.Create(baseAddress, IPAddress.Parse("127.0.78.20"));
        fromOther.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", enrolled.GetProperty("credential").GetString());
        var heartbeat = await (await fromOther.PostJsonAsync("/api/v1/agent/heartbeat", new { })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(other.GetProperty("id").GetString(), heartbeat.GetProperty("siteId").GetString());
    }

    [Fact]
    public async Task Development_auth_refuses_to_start_when_bound_beyond_loopback()
    {
        await using var server = ServerProcess.Start("Development",
            "--urls", $"http://0.0.0.0:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
            "--ConnectionStrings:Catalog=Data Source={data}/catalog.db",
            $"--Silo:SiloPort={FreePort.Next().ToString(CultureInfo.InvariantCulture)}");

        Assert.True(await server.WaitForExitAsync(StartTimeout), "The server kept running on 0.0.0.0 with development auth.");
        Assert.NotEqual(0, server.ExitCode);
        Assert.Contains("Development auth refuses to start", server.Output, StringComparison.Ordinal);
        Assert.Contains("0.0.0.0", server.Output, StringComparison.Ordinal);
    }
}
