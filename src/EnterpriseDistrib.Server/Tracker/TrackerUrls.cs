namespace EnterpriseDistrib.Server.Tracker;

/// <summary>Absolute tracker and web seed URLs as the agent reached this server (scheme, host and path base of its request).</summary>
internal static class TrackerUrls
{
    public static string Announce(HttpRequest request, string passkey) => $"{Base(request)}/announce/{passkey}";

    /// <summary>The BEP 19 base URL of the origin's web seed for one package, authenticated by the passkey in its path.</summary>
    public static string WebSeed(HttpRequest request, string passkey, string infoHashHex) => $"{Base(request)}/content/{passkey}/{infoHashHex}/";

    private static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}";
}
