using System.Collections.Immutable;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Status;
using EnterpriseDistrib.ControlPlane.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseDistrib.ControlPlane.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class StatusIngestGrainTests(GrainClusterFixture fixture)
{
    private CatalogArrange Arrange => new(fixture.Services);

    private IStatusIngestGrain Grain => fixture.Cluster.GrainFactory.GetGrain<IStatusIngestGrain>(IStatusIngestGrain.Key);

    [Fact]
    public async Task Reports_arriving_within_the_flush_interval_are_written_as_one_batch_and_acknowledged_after()
    {
        var (rollout, site, agents) = await ArrangeAsync(12);
        var submissions = agents.Chunk(3).Select(chunk => Grain.Submit(Batch(rollout, site, chunk, AgentRolloutState.Downloading))).ToList();

        // Nothing is acknowledged before the write: the interval has not passed on the grain's clock.
        await Task.WhenAny(Task.WhenAll(submissions), Task.Delay(TimeSpan.FromMilliseconds(200)));
        Assert.DoesNotContain(submissions, s => s.IsCompleted);

        var receipts = await AdvanceUntilDoneAsync(Task.WhenAll(submissions));

        Assert.All(receipts, r => Assert.Equal(12, r.BatchSize));
        Assert.All(receipts, r => Assert.Equal(12, r.BatchApplied));
        var counts = await fixture.Services.GetRequiredService<RolloutProgressQueries>().GetStateCountsAsync(rollout);
        Assert.Equal(12, counts[AgentRolloutState.Downloading]);
    }

    [Fact]
    public async Task A_full_batch_is_written_at_once_without_waiting_for_the_interval()
    {
        var (rollout, site, agents) = await ArrangeAsync(50);

        var receipt = await Grain.Submit(Batch(rollout, site, agents, AgentRolloutState.Installing)).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(50, receipt.Received);
        Assert.Equal(50, receipt.BatchApplied);
    }

    private async Task<(Guid Rollout, Guid Site, IReadOnlyList<Guid> Agents)> ArrangeAsync(int agentCount)
    {
        var group = await Arrange.GroupWithNewSiteAsync();
        var site = await Arrange.SiteOfGroupAsync(group);
        var rollout = await Arrange.RolloutAsync([(group, fixture.Clock.GetUtcNow().AddDays(-1))], threshold: 1, minimumSample: 1000);
        return (rollout, site, await Arrange.AgentsAsync(site, agentCount));
    }

    private StatusReportBatch Batch(Guid rollout, Guid site, IEnumerable<Guid> agents, AgentRolloutState state) =>
        new([.. agents.Select(agent => new StatusReportMessage(agent, rollout, 1, fixture.Clock.GetUtcNow(), state, 10, 100, null, null, site, ImmutableArray<TransferTotalMessage>.Empty))]);

    /// <summary>Advances the silo's clock past the flush interval until <paramref name="task"/> completes (the grain arms its delay asynchronously).</summary>
    private async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!task.IsCompleted)
        {
            deadline.Token.ThrowIfCancellationRequested();
            fixture.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }

        return await task;
    }
}
