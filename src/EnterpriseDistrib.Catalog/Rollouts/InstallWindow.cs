namespace EnterpriseDistrib.Catalog.Rollouts;

/// <summary>A daily install window in each agent's site time zone; <see cref="End"/> before <see cref="Start"/> spans midnight.</summary>
public sealed record InstallWindow(TimeOnly Start, TimeOnly End);
