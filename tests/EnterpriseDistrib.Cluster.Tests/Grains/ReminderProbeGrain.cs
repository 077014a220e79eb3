namespace EnterpriseDistrib.Cluster.Tests.Grains;

/// <summary>See <see cref="IReminderProbeGrain"/>; deliveries go to the test's <see cref="ReminderTicks"/>.</summary>
public sealed class ReminderProbeGrain(ReminderTicks ticks) : Grain, IReminderProbeGrain, IRemindable
{
    public async Task Register(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        await this.RegisterOrUpdateReminder(reminderName, dueTime, period);

    public async Task<IReadOnlyList<string>> ListReminderNames() =>
        [.. (await this.GetReminders()).Select(reminder => reminder.ReminderName).Order(StringComparer.Ordinal)];

    public async Task<bool> Unregister(string reminderName)
    {
        var reminder = await this.GetReminder(reminderName);
        if (reminder is null)
        {
            return false;
        }

        await this.UnregisterReminder(reminder);
        return true;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ticks.Record(new ReminderTick(this.GetPrimaryKeyString(), reminderName, status.FirstTickTime, status.CurrentTickTime));
        return Task.CompletedTask;
    }
}
