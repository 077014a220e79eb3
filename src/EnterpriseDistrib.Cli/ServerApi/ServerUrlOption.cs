using System.CommandLine;

namespace EnterpriseDistrib.Cli.ServerApi;

/// <summary><c>--server</c>, shared by the commands that call the control plane: an http(s) base URL.</summary>
internal static class ServerUrlOption
{
    public const string Default = "http://127.0.0.1:5080";

    public static Option<string> Create() => new("--server") { Description = $"The server's base URL (default {Default}).", DefaultValueFactory = _ => Default };

    /// <summary>The parsed URL, or false and what is wrong with it.</summary>
    public static bool TryGet(ParseResult parse, Option<string> option, out Uri server, out string problem)
    {
        var text = parse.GetValue(option);
        if (Uri.TryCreate(text, UriKind.Absolute, out server!) && server.Scheme is "http" or "https")
        {
            problem = "";
            return true;
        }

        problem = $"--server '{text}' must be an http(s) URL such as {Default}.";
        return false;
    }
}
