using System.Collections;
using System.CommandLine;
using System.Globalization;
using EnterpriseDistrib.Agent.Assignments;
using EnterpriseDistrib.Agent.Configuration;
using EnterpriseDistrib.Agent.Enrollment;
using EnterpriseDistrib.Agent.ServerApi;
using EnterpriseDistrib.Agent.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.Agent.Hosting;

/// <summary><c>edist-agent enroll | run | status</c>: the verbs a service manager and a person at the endpoint use.</summary>
public sealed class AgentCli(TextWriter output, TextWriter error, Action<ILoggingBuilder> logging, IDictionary? environment = null)
{
    /// <summary>Parses and runs <paramref name="args"/>; returns an <see cref="AgentExitCodes"/> value.</summary>
    public async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("edist-agent: the EnterpriseDistrib endpoint agent.") { EnrollCommand(), RunCommand(), StatusCommand() };
        try
        {
            var parse = root.Parse(args);
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error }, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return Fail("cancelled.", AgentExitCodes.Cancelled);
        }
        catch (AgentConfigurationException exception)
        {
            return Fail(exception.Message, AgentExitCodes.InvalidConfiguration);
        }
        catch (EnrollmentRefusedException exception)
        {
            return Fail(exception.Message, AgentExitCodes.EnrollmentRefused);
        }
        catch (AgentNotAuthorizedException exception)
        {
            return Fail(exception.Message, AgentExitCodes.NotEnrolled);
        }
        catch (ServerUnavailableException exception)
        {
            return Fail(exception.Message, AgentExitCodes.ServerUnavailable);
        }
        catch (Exception exception) when (exception is ServerRejectedException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Fail(exception.Message, AgentExitCodes.Failure);
        }
    }

    private static Option<string?> DataOption() => new("--data") { Description = "The agent's data folder (default: Agent:DataFolder)." };

    private Command EnrollCommand()
    {
        var server = new Option<string>("--server") { Description = "Server URL(s), ';'-separated, in order of preference.", Required = true };
        var token = new Option<string>("--token") { Description = "The enrollment token an admin created.", Required = true };
        var data = DataOption();
        var bind = new Option<string?>("--bind") { Description = "Local IP address every connection leaves from (e.g. 127.0.0.2)." };
        var command = new Command("enroll", "Enroll this endpoint with the server and store its credential protected. Extra --Agent:Key=value pairs override configuration.")
        {
            server,
            token,
            data,
            bind,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = AgentSettingsLoader.Load([.. parse.UnmatchedTokens], parse.GetValue(server), parse.GetValue(data), parse.GetValue(bind), environment);
            using var loggers = LoggerFactory.Create(logging);
            var identity = await new AgentEnrollment(settings, TimeProvider.System, loggers).EnrollAsync(parse.GetValue(token)!, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Enrolled as agent {identity.AgentId}{(identity.SiteId is { } site ? $" in site {site}" : "")}. Credential stored in {new CredentialStore(settings.DataFolder).FilePath}."));
            return AgentExitCodes.Success;
        });
        return command;
    }

    private Command RunCommand()
    {
        var data = DataOption();
        var command = new Command("run", "Run the agent (what the Windows Service or systemd unit starts). Extra --Agent:Key=value pairs override configuration.")
        {
            data,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var extra = parse.UnmatchedTokens.ToArray();
            var settings = AgentSettingsLoader.Load(extra, null, parse.GetValue(data), null, environment);
            var identity = await new AgentIdentityFile(settings.DataFolder).LoadAsync(cancellationToken);
            var credential = await new CredentialStore(settings.DataFolder).LoadAsync(cancellationToken);
            if (identity is null || credential is null)
            {
                return Fail($"This agent is not enrolled (no identity in {settings.DataFolder}); run: edist-agent enroll --server <url> --token <token>.", AgentExitCodes.NotEnrolled);
            }

            using var host = AgentHost.Build(settings, identity, credential, extra, logging);
            var poller = host.Services.GetRequiredService<AssignmentPoller>();
            await host.StartAsync(cancellationToken);
            await host.WaitForShutdownAsync(cancellationToken);
            if (poller.StoppedBecause is { } refused)
            {
                return Fail(refused.Message, AgentExitCodes.NotEnrolled);
            }

            return AgentExitCodes.Success;
        });
        return command;
    }

    private Command StatusCommand()
    {
        var data = DataOption();
        var command = new Command("status", "Show what the agent is doing: enrolled?, server reachable?, last heartbeat, assignments, downloads in progress, outbox depth.") { data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = AgentSettingsLoader.Load([], null, parse.GetValue(data), null, environment);
            var identity = await new AgentIdentityFile(settings.DataFolder).LoadAsync(cancellationToken);
            var enrolled = identity is not null && new CredentialStore(settings.DataFolder).Exists;
            await output.WriteLineAsync(StatusText.Format(settings.DataFolder, identity, enrolled, await new AgentStatusFile(settings.DataFolder).ReadAsync(cancellationToken),
                await new DownloadsStatusFile(settings.DataFolder).ReadAsync(cancellationToken)));
            return enrolled ? AgentExitCodes.Success : AgentExitCodes.NotEnrolled;
        });
        return command;
    }

    private int Fail(string message, int code)
    {
        error.WriteLine("edist-agent: " + message);
        return code;
    }
}
