using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.Server.Api;

/// <summary>How an agent installs a package version: installer kind, command line, exit codes, timeout, detection.</summary>
public sealed record InstallSpecRequest(
    InstallerKind? Kind,
    string? Command,
    string? Arguments = null,
    IReadOnlyList<int>? SuccessExitCodes = null,
    IReadOnlyList<int>? RebootExitCodes = null,
    int? TimeoutSeconds = null,
    DetectionRuleRequest? Detection = null)
{
    /// <summary>Timeout when none is given.</summary>
    public const int DefaultTimeoutSeconds = 3600;

    internal void Validate(Validation validation, string prefix)
    {
        validation
            .Check(Kind is not null && Enum.IsDefined(Kind.Value), $"{prefix}.kind", "kind must be Msi, Exe or Script.")
            .Text(Command, $"{prefix}.command", 1024)
            .Text(Arguments, $"{prefix}.arguments", 4096, required: false)
            .Check(TimeoutSeconds is null or (>= 1 and <= 86_400), $"{prefix}.timeoutSeconds", "timeoutSeconds must be between 1 and 86400 (one day).")
            .Check(SuccessExitCodes is null or { Count: <= 64 }, $"{prefix}.successExitCodes", "At most 64 success exit codes.")
            .Check(RebootExitCodes is null or { Count: <= 64 }, $"{prefix}.rebootExitCodes", "At most 64 reboot exit codes.");
        if (SuccessExitCodes is not null && RebootExitCodes is not null && SuccessExitCodes.Intersect(RebootExitCodes).Any())
        {
            validation.Add($"{prefix}.rebootExitCodes", "An exit code cannot be both a success and a reboot code.");
        }

        if (Detection is not null)
        {
            validation
                .Check(Enum.IsDefined(Detection.Kind), $"{prefix}.detection.kind", "detection.kind must be FileExists, FileVersion, RegistryValue or MsiProductCode.")
                .Text(Detection.Target, $"{prefix}.detection.target", 1024)
                .Text(Detection.Value, $"{prefix}.detection.value", 1024, required: false);
        }
    }

    internal InstallSpec ToEntity()
    {
        // MSI's conventional codes: 0 success, 3010 and 1641 success with reboot (Windows Installer docs).
        var msi = Kind == InstallerKind.Msi;
        return new InstallSpec
        {
            Kind = Kind!.Value,
            Command = Command!.Trim(),
            Arguments = string.IsNullOrWhiteSpace(Arguments) ? null : Arguments,
            SuccessExitCodes = SuccessExitCodes?.Distinct().ToList() ?? [0],
            RebootExitCodes = RebootExitCodes?.Distinct().ToList() ?? (msi ? [3010, 1641] : []),
            TimeoutSeconds = TimeoutSeconds ?? DefaultTimeoutSeconds,
            Detection = Detection is null ? null : new DetectionRule { Kind = Detection.Kind, Target = Detection.Target!, Value = Detection.Value },
        };
    }
}

/// <summary>How an agent tells that the package is already installed.</summary>
public sealed record DetectionRuleRequest(DetectionKind Kind, string? Target, string? Value = null);
