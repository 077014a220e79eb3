namespace EnterpriseDistrib.Cluster.Tests.Grains;

/// <summary>A grain that registers, lists and removes one durable reminder and reports each delivery.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Register(string reminderName, TimeSpan dueTime, TimeSpan period);

    Task<IReadOnlyList<string>> ListReminderNames();

    /// <summary>Removes the reminder; false when it was not registered.</summary>
    Task<bool> Unregister(string reminderName);
}
