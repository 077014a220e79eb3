using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.ControlPlane.Abstractions;

namespace EnterpriseDistrib.Server.Api;

/// <summary>Body of rollout creation.</summary>
public sealed record RolloutRequest(
    string? Name,
    Guid? PackageVersionId,
    IReadOnlyList<WaveRequest>? Waves,
    double? FailureThreshold = null,
    int? FailureMinimumSample = null,
    int? MaxWanFetchersPerSite = null,
    RolloutInstallWindow? InstallWindow = null)
{
    /// <summary>Most waves one rollout may have.</summary>
    public const int MaxWaves = 100;

    internal Validation Validate()
    {
        var validation = new Validation()
            .Text(Name, "name", 200)
            .Check(PackageVersionId is not null && PackageVersionId != Guid.Empty, "packageVersionId", "packageVersionId is required: register the package version first.")
            .Check(Waves is { Count: > 0 }, "waves", "waves must hold at least one wave (an office group and a start time).")
            .Check(Waves is null || Waves.Count <= MaxWaves, "waves", $"At most {MaxWaves} waves.")
            .Check(FailureThreshold is null or (> 0 and <= 1), "failureThreshold", "failureThreshold is a fraction of finished installs, above 0 and at most 1 (e.g. 0.2).")
            .Check(FailureMinimumSample is null or (>= 1 and <= 100_000), "failureMinimumSample", "failureMinimumSample must be between 1 and 100000.")
            .Check(MaxWanFetchersPerSite is null or (>= 1 and <= 16), "maxWanFetchersPerSite", "maxWanFetchersPerSite must be between 1 and 16.");
        InstallWindow?.Validate(validation);
        for (var i = 0; Waves is not null && i < Waves.Count; i++)
        {
            var wave = Waves[i];
            var field = $"waves[{i}]";
            if (wave is null)
            {
                validation.Add(field, "A wave must not be null.");
                continue;
            }

            validation
                .Check(wave.OfficeGroupId is not null && wave.OfficeGroupId != Guid.Empty, $"{field}.officeGroupId", "officeGroupId is required.")
                .Check(wave.StartsAt is not null, $"{field}.startsAt", "startsAt is required (an ISO 8601 time with offset).")
                .Check(wave.Deadline is null || wave.StartsAt is null || wave.Deadline > wave.StartsAt, $"{field}.deadline", "deadline must be after startsAt.");
        }

        return validation;
    }

    internal RolloutDraft ToDraft() => new(
        Name!.Trim(),
        PackageVersionId!.Value,
        Waves!.Select(w => new WaveDraft(w.OfficeGroupId!.Value, w.StartsAt!.Value, w.Deadline)).ToList(),
        FailureThreshold ?? RolloutDefaults.FailureThreshold,
        FailureMinimumSample ?? RolloutDefaults.FailureMinimumSample,
        MaxWanFetchersPerSite ?? RolloutDefaults.MaxWanFetchersPerSite,
        InstallWindow?.Validate(new Validation()));
}

/// <summary>One wave of a new rollout.</summary>
public sealed record WaveRequest(Guid? OfficeGroupId, DateTimeOffset? StartsAt, DateTimeOffset? Deadline = null);

/// <summary>A rollout as the API shows it.</summary>
public sealed record RolloutResponse(
    Guid Id,
    string Name,
    Guid PackageVersionId,
    RolloutStatus Status,
    string? StatusReason,
    double FailureThreshold,
    int FailureMinimumSample,
    int MaxWanFetchersPerSite,
    IReadOnlyList<WaveResponse> Waves,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    long Version,
    RolloutInstallWindow? InstallWindow)
{
    internal static RolloutResponse From(Rollout rollout, RolloutSnapshot? snapshot = null) => new(
        rollout.Id,
        rollout.Name,
        rollout.PackageVersionId,
        snapshot?.Status ?? rollout.Status,
        snapshot is null ? rollout.StatusReason : snapshot.StatusReason,
        rollout.FailureThreshold,
        rollout.FailureMinimumSample,
        rollout.MaxWanFetchersPerSite,
        rollout.Waves.OrderBy(w => w.Ordinal).Select(w => new WaveResponse(w.Ordinal, w.OfficeGroupId, w.StartsAt, w.Deadline)).ToList(),
        rollout.CreatedAt,
        rollout.CreatedBy,
        rollout.StartedAt,
        rollout.EndedAt,
        snapshot?.Version ?? rollout.Version,
        RolloutInstallWindow.From(rollout.InstallWindowStart, rollout.InstallWindowEnd));
}

/// <summary>One wave: which office group, from when, until when.</summary>
public sealed record WaveResponse(int Ordinal, Guid OfficeGroupId, DateTimeOffset StartsAt, DateTimeOffset? Deadline);

/// <summary>A rollout's progress: agents per state, in all and per site.</summary>
public sealed record RolloutProgressResponse(Guid RolloutId, RolloutStatus Status, int Agents, IReadOnlyDictionary<AgentRolloutState, int> States, IReadOnlyList<SiteProgressResponse> Sites);

/// <summary>Agents per state at one site (<see cref="SiteId"/> null for unplaced agents).</summary>
public sealed record SiteProgressResponse(Guid? SiteId, string? SiteName, int Agents, IReadOnlyDictionary<AgentRolloutState, int> States);

/// <summary>One agent's status in a rollout.</summary>
public sealed record AgentProgressResponse(
    Guid AgentId,
    Guid? SiteId,
    AgentRolloutState State,
    int ProgressPercent,
    long BytesDownloaded,
    int? ExitCode,
    string? Error,
    DateTimeOffset ReportedAt,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset UpdatedAt)
{
    internal static AgentProgressResponse From(AgentRolloutStatus status) => new(
        status.AgentId, status.SiteId, status.State, status.ProgressPercent, status.BytesDownloaded, status.ExitCode, status.Error,
        status.ReportedAt, status.FirstSeenAt, status.UpdatedAt);
}
