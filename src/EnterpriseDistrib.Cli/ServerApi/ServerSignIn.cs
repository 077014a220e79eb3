using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EnterpriseDistrib.Cli.ServerApi;

/// <summary>
/// How a command authenticates to the server: the bearer token given (<c>--token</c> or <c>EDIST_TOKEN</c>), or on a
/// loopback development server one minted by <c>/dev/token</c> for the role the command needs.
/// </summary>
internal static class ServerSignIn
{
    public const string TokenVariable = "EDIST_TOKEN";

    /// <summary>Sets <paramref name="http"/>'s bearer token and returns it.</summary>
    public static async Task<string> SignInAsync(HttpClient http, string? given, string role, CancellationToken cancellationToken)
    {
        var token = await ResolveAsync(http, given ?? Environment.GetEnvironmentVariable(TokenVariable), role, cancellationToken);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    private static async Task<string> ResolveAsync(HttpClient anonymous, string? given, string role, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        if (anonymous.BaseAddress is not { IsLoopback: true })
        {
            throw new ServerSignInException($"The server is not on this machine: pass --token <bearer> (or set {TokenVariable}) with a token of role {role} or above.");
        }

        using var response = await anonymous.PostAsync(new Uri($"/dev/token?role={role}&name=edist", UriKind.Relative), null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ServerSignInException($"The server did not issue a development token ({(int)response.StatusCode}); it is not in development mode: pass --token <bearer>.");
        }

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return answer.GetProperty("access_token").GetString() ?? throw new ServerSignInException("The development token answer had no access_token.");
    }
}

/// <summary>No token for the server; the message says what to pass.</summary>
internal sealed class ServerSignInException(string message) : InvalidOperationException(message);
