using System.Net.Http.Json;
using System.Text.Json;
using EnterpriseDistrib.Cli.ServerApi;

namespace EnterpriseDistrib.Cli.Commands.Lab;

/// <summary>The admin calls the lab makes on its server, with a development Admin token (the lab's server is on loopback).</summary>
internal sealed class LabApi(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Uri BaseAddress => http.BaseAddress!;

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public Task<string> SignInAsync(CancellationToken cancellationToken) => ServerSignIn.SignInAsync(http, null, "Admin", cancellationToken);

    public async Task<Guid> CreateSiteAsync(string name, string range, CancellationToken cancellationToken) =>
        Id(await SendAsync(HttpMethod.Post, "/api/v1/sites", new { name, ranges = new[] { range } }, cancellationToken));

    public async Task<Guid> CreateGroupAsync(string name, IEnumerable<Guid> siteIds, CancellationToken cancellationToken) =>
        Id(await SendAsync(HttpMethod.Post, "/api/v1/office-groups", new { name, siteIds }, cancellationToken));

    public async Task<string> CreateEnrollmentTokenAsync(int uses, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, "/api/v1/enrollment-tokens", new { description = "edist lab", maxUses = uses }, cancellationToken))
            .GetProperty("secret").GetString() ?? throw new LabException("The enrollment token answer had no secret.");

    public async Task<Guid> CreateRolloutAsync(string name, Guid versionId, Guid groupId, CancellationToken cancellationToken) =>
        Id(await SendAsync(HttpMethod.Post, "/api/v1/rollouts", new
        {
            name,
            packageVersionId = versionId,
            waves = new[] { new { officeGroupId = groupId, startsAt = DateTimeOffset.UtcNow.AddSeconds(-1) } },
            failureThreshold = 0.5,
            failureMinimumSample = 2,
        }, cancellationToken));

    public Task<JsonElement> ProgressAsync(Guid rolloutId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"/api/v1/rollouts/{rolloutId}/progress", null, cancellationToken);

    public Task<JsonElement> WanReportAsync(Guid rolloutId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"/api/v1/reports/wan?rolloutId={rolloutId}", null, cancellationToken);

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new LabException($"{method} {path} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();
}
