using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.ControlPlane.Policies;

namespace EnterpriseDistrib.ControlPlane.Tests.Policies;

public sealed class AssignmentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Paris = Guid.NewGuid();
    private static readonly Guid Lyon = Guid.NewGuid();
    private static readonly Guid Pilot = Guid.NewGuid();
    private static readonly Guid France = Guid.NewGuid();

    private static readonly Dictionary<Guid, IReadOnlySet<Guid>> Groups = new()
    {
        [Pilot] = new HashSet<Guid> { Paris },
        [France] = new HashSet<Guid> { Paris, Lyon },
    };

    [Fact]
    public void A_running_rollout_whose_open_wave_targets_the_agents_site_is_assigned()
    {
        var rollout = Rollout(RolloutStatus.Running, (Pilot, Now.AddHours(-1), Now.AddDays(2)), (France, Now.AddDays(1), Now.AddDays(3)));

        var paris = AssignmentRules.For(Paris, [rollout], Groups, Now);
        var lyon = AssignmentRules.For(Lyon, [rollout], Groups, Now);

        var assignment = Assert.Single(paris);
        Assert.Equal(new Assignment(rollout.Id, rollout.PackageVersionId, 0, Now.AddHours(-1), Now.AddDays(2), 2), assignment);
        Assert.Empty(lyon); // France's wave opens tomorrow.
        Assert.Single(AssignmentRules.For(Lyon, [rollout], Groups, Now.AddDays(1)));
    }

    [Theory]
    [InlineData(RolloutStatus.Scheduled)]
    [InlineData(RolloutStatus.Paused)]
    [InlineData(RolloutStatus.Halted)]
    [InlineData(RolloutStatus.Completed)]
    [InlineData(RolloutStatus.Cancelled)]
    public void Only_running_rollouts_hand_out_work(RolloutStatus status)
    {
        var rollout = Rollout(status, (Pilot, Now.AddHours(-1), null));

        Assert.Empty(AssignmentRules.For(Paris, [rollout], Groups, Now));
    }

    [Fact]
    public void An_agent_in_no_site_gets_no_assignment()
    {
        var rollout = Rollout(RolloutStatus.Running, (France, Now.AddHours(-1), null));

        Assert.Empty(AssignmentRules.For(null, [rollout], Groups, Now));
        Assert.Empty(AssignmentRules.For(Guid.NewGuid(), [rollout], Groups, Now));
    }

    [Fact]
    public void A_site_reached_by_several_open_waves_keeps_the_first_wave_and_the_tightest_deadline()
    {
        var rollout = Rollout(RolloutStatus.Running, (Pilot, Now.AddHours(-5), Now.AddDays(5)), (France, Now.AddHours(-1), Now.AddDays(1)));

        var assignment = Assert.Single(AssignmentRules.For(Paris, [rollout], Groups, Now));

        Assert.Equal(0, assignment.WaveOrdinal);
        Assert.Equal(Now.AddDays(1), assignment.Deadline);
    }

    [Fact]
    public void Assignments_come_earliest_deadline_first_and_without_deadline_last()
    {
        var late = Rollout(RolloutStatus.Running, (France, Now.AddHours(-1), Now.AddDays(9)));
        var none = Rollout(RolloutStatus.Running, (France, Now.AddHours(-1), null));
        var soon = Rollout(RolloutStatus.Running, (France, Now.AddHours(-1), Now.AddDays(1)));

        var assignments = AssignmentRules.For(Lyon, [late, none, soon], Groups, Now);

        Assert.Equal([soon.Id, late.Id, none.Id], assignments.Select(a => a.RolloutId));
    }

    [Fact]
    public void A_wave_naming_a_group_unknown_to_the_membership_map_reaches_no_one()
    {
        var rollout = Rollout(RolloutStatus.Running, (Guid.NewGuid(), Now.AddHours(-1), null));

        Assert.Empty(AssignmentRules.For(Paris, [rollout], Groups, Now));
    }

    private static Rollout Rollout(RolloutStatus status, params (Guid Group, DateTimeOffset Start, DateTimeOffset? Deadline)[] waves)
    {
        var id = Guid.NewGuid();
        return new Rollout
        {
            Id = id,
            Name = "test",
            CreatedBy = "admin",
            PackageVersionId = Guid.NewGuid(),
            Status = status,
            MaxWanFetchersPerSite = 2,
            Waves = [.. waves.Select((w, i) => new RolloutWave { Id = Guid.NewGuid(), RolloutId = id, Ordinal = i, OfficeGroupId = w.Group, StartsAt = w.Start, Deadline = w.Deadline })],
        };
    }
}
