using System.Text.Json;
using EnterpriseDistrib.Agent.Installers;

namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>How an assigned package installs, as the server's install spec says.</summary>
/// <param name="Detection">The detection rule, kept as JSON until the agent evaluates it.</param>
public sealed record AssignmentInstall(
    InstallerKind Kind,
    string Command,
    string? Arguments,
    IReadOnlyList<int>? SuccessExitCodes,
    IReadOnlyList<int>? RebootExitCodes,
    int TimeoutSeconds,
    JsonElement? Detection);
