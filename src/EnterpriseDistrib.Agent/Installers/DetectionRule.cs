namespace EnterpriseDistrib.Agent.Installers;

/// <summary>How the agent tells a package version is already installed, so it skips the install (the server's <c>DetectionRule</c>).</summary>
/// <param name="Kind">What to look at.</param>
/// <param name="Target">A file path, a registry value path or an MSI product code, by <paramref name="Kind"/>.</param>
/// <param name="Value">The expected value (a minimum file version, a registry value), when the kind takes one.</param>
public sealed record DetectionRule(DetectionKind Kind, string Target, string? Value);
