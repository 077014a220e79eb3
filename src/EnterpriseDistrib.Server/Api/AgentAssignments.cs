using System.Security.Claims;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.OfficeGroups;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.ControlPlane.Policies;
using EnterpriseDistrib.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnterpriseDistrib.Server.Api;

/// <summary>Lists an agent's assignments: running rollouts whose open waves target a group holding its site (<see cref="AssignmentRules"/>).</summary>
internal static class AgentAssignments
{
    private static readonly RolloutStatus[] Running = [RolloutStatus.Running];

    public static async Task<Ok<IReadOnlyList<AssignmentResponse>>> ListAsync(
        ClaimsPrincipal user, RolloutStore rollouts, OfficeGroupStore groups, PackageStore packages, TimeProvider time, CancellationToken cancellationToken)
    {
        Guid? siteId = user.FindFirst(AgentCredentialDefaults.SiteIdClaim) is { } claim ? Guid.Parse(claim.Value) : null;
        if (siteId is null)
        {
            return TypedResults.Ok<IReadOnlyList<AssignmentResponse>>([]);
        }

        var running = await rollouts.ListByStatusAsync(Running, cancellationToken);
        if (running.Count == 0)
        {
            return TypedResults.Ok<IReadOnlyList<AssignmentResponse>>([]);
        }

        var membership = await groups.GetMembershipAsync(cancellationToken);
        var assignments = AssignmentRules.For(siteId, running, membership, time.GetUtcNow());
        var names = running.ToDictionary(r => r.Id, r => r.Name);
        var answers = new List<AssignmentResponse>(assignments.Count);
        foreach (var assignment in assignments)
        {
            if (await packages.GetVersionAsync(assignment.PackageVersionId, cancellationToken) is not { } version)
            {
                continue;
            }

            answers.Add(new AssignmentResponse(
                assignment.RolloutId, names[assignment.RolloutId], version.PackageId, version.Id, version.VersionLabel, version.InfoHash, version.TotalSize,
                version.Install, assignment.Deadline, $"/api/v1/agent/torrents/{version.Id}"));
        }

        return TypedResults.Ok<IReadOnlyList<AssignmentResponse>>(answers);
    }
}
