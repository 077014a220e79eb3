using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EnterpriseDistrib.Cli.ServerApi;
using EnterpriseDistrib.Cli.Terminal;

namespace EnterpriseDistrib.Cli.Commands.Report;

/// <summary><c>edist report wan</c>: the WAN-savings report from the server, as a table, CSV or JSON.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var server = ServerUrlOption.Create();
        var token = new Option<string?>("--token") { Description = $"Bearer token (any admin role); default ${ServerSignIn.TokenVariable}, or a development token from a loopback server." };
        var rollout = new Option<Guid?>("--rollout") { Description = "Only this rollout." };
        var package = new Option<Guid?>("--package") { Description = "Only rollouts of this package." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Only rollouts started at or after this time (ISO 8601)." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Only rollouts started before this time (ISO 8601)." };
        var format = new Option<string>("--format") { Description = "table, csv or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var wan = new Command("wan", "WAN savings per rollout and office: bytes from same-site peers, other sites and the origin.")
        {
            server, token, rollout, package, from, to, format,
        };
        wan.SetAction(async (parse, cancellationToken) =>
        {
            if (!ServerUrlOption.TryGet(parse, server, out var serverUri, out var serverProblem))
            {
                return CliErrors.Fail(serverProblem);
            }

            using var http = new HttpClient { BaseAddress = serverUri, Timeout = TimeSpan.FromMinutes(2) };
            await ServerSignIn.SignInAsync(http, parse.GetValue(token), "Viewer", cancellationToken);
            var query = Query(parse.GetValue(rollout), parse.GetValue(package), parse.GetValue(from), parse.GetValue(to), parse.GetValue(format) == "csv" ? "csv" : "json");
            using var response = await http.GetAsync(new Uri("/api/v1/reports/wan" + query, UriKind.Relative), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return CliErrors.Fail($"the server answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}", CliErrors.Failure);
            }

            if (parse.GetValue(format) == "table")
            {
                using var report = JsonDocument.Parse(body);
                WanReportTable.Print(report.RootElement, Console.Out);
            }
            else
            {
                Console.Out.Write(body);
            }

            return 0;
        });
        return new Command("report", "Reports from the control plane.") { wan };
    }

    private static string Query(Guid? rollout, Guid? package, DateTimeOffset? from, DateTimeOffset? to, string format)
    {
        var parts = new List<string> { "format=" + format };
        if (rollout is { } r)
        {
            parts.Add("rolloutId=" + r);
        }

        if (package is { } p)
        {
            parts.Add("packageId=" + p);
        }

        if (from is { } f)
        {
            parts.Add("from=" + Uri.EscapeDataString(f.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (to is { } t)
        {
            parts.Add("to=" + Uri.EscapeDataString(t.ToString("O", CultureInfo.InvariantCulture)));
        }

        return "?" + string.Join('&', parts);
    }
}
