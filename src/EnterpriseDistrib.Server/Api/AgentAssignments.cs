using System.Security.Claims;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.OfficeGroups;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.ControlPlane.Policies;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Tracker;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnterpriseDistrib.Server.Api;

/// <summary>Lists an agent's assignments: running rollouts whose open waves target a group holding its site (<see cref="AssignmentRules"/>).</summary>
internal static class AgentAssignments
{
    private static readonly RolloutStatus[] Running = [RolloutStatus.Running];

    public static async Task<Ok<IReadOnlyList<AssignmentResponse>>> ListAsync(
        ClaimsPrincipal user, HttpContext http, RolloutStore rollouts, OfficeGroupStore groups, PackageStore packages, SiteStore sites, PasskeyCodec passkeys,
        TimeProvider time, CancellationToken cancellationToken)
    {
        Guid? siteId = user.FindFirst(AgentCredentialDefaults.SiteIdClaim) is { } claim ? Guid.Parse(claim.Value) : null;
        if (siteId is null)
        {
            return TypedResults.Ok<IReadOnlyList<AssignmentResponse>>([]);
        }

        var (running, membership) = await LoadRulesInputAsync(rollouts, groups, cancellationToken);
        var assignments = AssignmentRules.For(siteId, running, membership, time.GetUtcNow());
        var announceUrl = TrackerUrls.Announce(http.Request, passkeys.Issue(AgentProtocolEndpoints.AgentId(user)));
        var byId = running.ToDictionary(r => r.Id);
        var timeZone = assignments.Count == 0 ? null : (await sites.GetScheduleAsync(siteId.Value, cancellationToken))?.TimeZone;
        var answers = new List<AssignmentResponse>(assignments.Count);
        foreach (var assignment in assignments)
        {
            if (await packages.GetVersionAsync(assignment.PackageVersionId, cancellationToken) is not { } version)
            {
                continue;
            }

            var rollout = byId[assignment.RolloutId];
            var window = rollout.InstallWindowStart is { } start && rollout.InstallWindowEnd is { } end ? new InstallWindow(start, end) : null;
            answers.Add(new AssignmentResponse(
                assignment.RolloutId, rollout.Name, version.PackageId, version.Id, version.VersionLabel, version.InfoHash, version.TotalSize,
                version.Install, assignment.Deadline, $"/api/v1/agent/torrents/{version.Id}", announceUrl, window, timeZone));
        }

        return TypedResults.Ok<IReadOnlyList<AssignmentResponse>>(answers);
    }

    /// <summary>
    /// What <see cref="AssignmentRules"/> reads: the running rollouts with their waves and the office-group membership.
    /// The tracker loads the same through here, so an agent is never refused a package this list gave it.
    /// </summary>
    internal static async Task<(IReadOnlyList<Rollout> Running, IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> Membership)> LoadRulesInputAsync(
        RolloutStore rollouts, OfficeGroupStore groups, CancellationToken cancellationToken)
    {
        var running = await rollouts.ListByStatusAsync(Running, cancellationToken);
        return running.Count == 0 ? (running, new Dictionary<Guid, IReadOnlySet<Guid>>()) : (running, await groups.GetMembershipAsync(cancellationToken));
    }
}
