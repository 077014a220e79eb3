using System.Reflection;
using EnterpriseDistrib.Agent.Configuration;
using EnterpriseDistrib.Agent.ServerApi;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.Agent.Enrollment;

/// <summary>Enrolls this endpoint: trades the admin's token for a credential and stores it protected with the identity.</summary>
public sealed partial class AgentEnrollment(AgentSettings settings, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>Enrolls against <see cref="AgentSettings.ServerUrls"/>; throws <see cref="EnrollmentRefusedException"/> for a bad token.</summary>
    public async Task<AgentIdentity> EnrollAsync(string enrollmentToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(enrollmentToken);
        var logger = loggers.CreateLogger<AgentEnrollment>();
        using var client = new AgentApiClient(settings, credential: null, time, loggers.CreateLogger<AgentApiClient>());
        var request = new EnrollRequest(enrollmentToken.Trim(), Environment.MachineName, Environment.OSVersion.VersionString, AgentVersion);
        var answer = await client.EnrollAsync(request, cancellationToken);

        // Preferred server first: the one that answered.
        var servers = settings.ServerUrls.OrderBy(u => u == client.CurrentServer ? 0 : 1).ToList();
        var identity = new AgentIdentity(answer.AgentId, servers, answer.SiteId, answer.SiteReason, time.GetUtcNow(), settings.BindAddress?.ToString());
        Directory.CreateDirectory(settings.DataFolder);
        await new CredentialStore(settings.DataFolder).SaveAsync(answer.Credential, cancellationToken);
        await new AgentIdentityFile(settings.DataFolder).SaveAsync(identity, cancellationToken);
        LogEnrolled(logger, answer.AgentId, answer.SiteId, answer.SiteReason);
        return identity;
    }

    /// <summary>The version this agent reports.</summary>
    public static string AgentVersion { get; } =
        typeof(AgentEnrollment).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    [LoggerMessage(Level = LogLevel.Information, Message = "Enrolled as agent {AgentId} (site {SiteId}: {SiteReason}); credential stored protected")]
    private static partial void LogEnrolled(ILogger logger, Guid agentId, Guid? siteId, string? siteReason);
}
