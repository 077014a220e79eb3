namespace EnterpriseDistrib.Agent.Installers;

/// <summary>What evaluating a detection rule found, with the reason a person reads in the report.</summary>
/// <param name="Installed">True when the package is already there and the install is skipped.</param>
/// <param name="Evaluated">False when the rule could not be checked on this endpoint (for example the registry off Windows).</param>
public sealed record Detection(bool Installed, bool Evaluated, string Reason);
