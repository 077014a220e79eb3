namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>A rollout's daily install window, times of day in the agent's site time zone; an end before the start spans midnight.</summary>
public sealed record InstallWindow(TimeOnly Start, TimeOnly End)
{
    /// <summary>Whether <paramref name="timeOfDay"/> falls inside: the start is inside, the end is not.</summary>
    public bool Contains(TimeOnly timeOfDay) => Start <= End
        ? timeOfDay >= Start && timeOfDay < End
        : timeOfDay >= Start || timeOfDay < End;

    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";
}
