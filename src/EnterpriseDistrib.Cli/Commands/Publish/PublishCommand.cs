using System.CommandLine;
using EnterpriseDistrib.Cli.ServerApi;
using EnterpriseDistrib.Cli.Terminal;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Cli.Commands.Publish;

/// <summary>
/// <c>edist publish</c>: hashes a file or folder, registers it as a package version, uploads it to the
/// origin (resumable) and waits until the origin verified every piece and made it Available.
/// </summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The file or folder to publish." };
        var server = ServerUrlOption.Create();
        var name = new Option<string>("--name") { Description = "The package name (created if it does not exist).", Required = true };
        var version = new Option<string>("--version") { Description = "The version label, unique within the package.", Required = true };
        var install = new Option<string>("--install") { Description = "Installer kind: Msi, Exe or Script.", Required = true };
        var command = new Option<string?>("--command") { Description = "The install command (default: msiexec.exe for Msi, else required)." };
        var arguments = new Option<string?>("--args") { Description = "The install command's arguments." };
        var successCodes = new Option<string?>("--success-codes") { Description = "Exit codes meaning success, comma-separated (default 0)." };
        var rebootCodes = new Option<string?>("--reboot-codes") { Description = "Exit codes meaning success after a reboot, comma-separated." };
        var timeout = new Option<int?>("--timeout") { Description = "Install timeout in seconds." };
        var token = new Option<string?>("--token") { Description = "Bearer token (Publisher or Admin); default $EDIST_TOKEN, or a development token from a loopback server." };
        var chunk = new Option<string>("--chunk-size") { Description = "Bytes per upload request (default 64MiB).", DefaultValueFactory = _ => "64MiB" };

        var publish = new Command("publish", "Hash, register, upload and verify a package version; resumes an interrupted upload.")
        {
            path, server, name, version, install, command, arguments, successCodes, rebootCodes, timeout, token, chunk,
        };
        publish.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(path)!;
            if (!File.Exists(source) && !Directory.Exists(source))
            {
                return CliErrors.Fail($"'{source}' is neither a file nor a folder.");
            }

            if (!ServerUrlOption.TryGet(parse, server, out var serverUri, out var serverProblem))
            {
                return CliErrors.Fail(serverProblem);
            }

            if (!Enum.TryParse<InstallKind>(parse.GetValue(install), ignoreCase: true, out var kind))
            {
                return CliErrors.Fail($"--install '{parse.GetValue(install)}' must be Msi, Exe or Script.");
            }

            if (!ByteSize.TryParse(parse.GetValue(chunk)!, out var chunkBytes) || chunkBytes < 64 * 1024)
            {
                return CliErrors.Fail($"--chunk-size '{parse.GetValue(chunk)}' must be a size of at least 64KiB (e.g. 16MiB).");
            }

            if (ParseCodes(parse.GetValue(successCodes), "--success-codes") is not { } success || ParseCodes(parse.GetValue(rebootCodes), "--reboot-codes") is not { } reboot)
            {
                return CliErrors.UsageError;
            }

            var installCommand = parse.GetValue(command) ?? (kind == InstallKind.Msi ? "msiexec.exe" : null);
            if (installCommand is null)
            {
                return CliErrors.Fail("--command is required for Exe and Script installers: the program agents run.");
            }

            var spec = new
            {
                kind = kind.ToString(),
                command = installCommand,
                arguments = parse.GetValue(arguments),
                successExitCodes = success.Count == 0 ? null : success,
                rebootExitCodes = reboot.Count == 0 ? null : reboot,
                timeoutSeconds = parse.GetValue(timeout),
            };

            try
            {
                var publisher = new Publisher(serverUri, parse.GetValue(token), chunkBytes);
                return await publisher.RunAsync(source, parse.GetValue(name)!, parse.GetValue(version)!, spec, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                return CliErrors.Fail($"cannot reach {parse.GetValue(server)}: {e.Message}. Check --server and that the server runs; then run the same command again.", CliErrors.Failure);
            }
            catch (InvalidTorrentException e)
            {
                return CliErrors.Fail(e.Message, CliErrors.Failure);
            }
        });
        return publish;
    }

    private static List<int>? ParseCodes(string? text, string option)
    {
        var codes = new List<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                CliErrors.Fail($"{option} '{text}' must be whole numbers separated by commas (e.g. 0,3010).");
                return null;
            }

            codes.Add(code);
        }

        return codes;
    }

    private enum InstallKind
    {
        Msi,
        Exe,
        Script,
    }
}
