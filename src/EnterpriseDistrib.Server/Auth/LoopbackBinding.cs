using System.Net;

namespace EnterpriseDistrib.Server.Auth;

/// <summary>
/// Decides whether the server listens on loopback only, from the configured URLs before start-up
/// and from the bound addresses after it. The development issuer depends on this: anyone who can reach
/// it can mint an Admin token.
/// </summary>
public static class LoopbackBinding
{
    /// <summary>Configured listening addresses that are not loopback (empty = loopback only).</summary>
    public static IReadOnlyList<string> NonLoopbackConfigured(IConfiguration configuration)
    {
        var addresses = new List<string>();
        addresses.AddRange(Split(configuration["urls"]));

        // ASPNETCORE_HTTP_PORTS / HTTP_PORTS listen on every interface.
        addresses.AddRange(Split(configuration["http_ports"]).Select(port => $"http://*:{port}"));
        addresses.AddRange(Split(configuration["https_ports"]).Select(port => $"https://*:{port}"));
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { } url)
            {
                addresses.Add(url);
            }
        }

        return addresses.Where(address => !IsLoopback(address)).ToArray();
    }

    /// <summary>True when <paramref name="address"/> (a Kestrel URL) can only be reached from this machine.</summary>
    public static bool IsLoopback(string address)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }

        if (binding.IsUnixPipe || binding.IsNamedPipe)
        {
            return true;
        }

        var host = binding.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    private static IEnumerable<string> Split(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
