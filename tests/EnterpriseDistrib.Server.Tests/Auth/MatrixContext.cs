using System.Net.Http.Json;
using EnterpriseDistrib.Server.Tests.Infrastructure;

namespace EnterpriseDistrib.Server.Tests.Auth;

/// <summary>What the matrix's request builders use: an admin seeder and an anonymous client.</summary>
internal sealed class MatrixContext(ApiSeed seed, HttpClient anonymous)
{
    public ApiSeed Seed { get; } = seed;

    public HttpClient Anonymous { get; } = anonymous;

    public static HttpRequestMessage Request(string method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: ApiJson.Options);
        }

        return request;
    }
}
