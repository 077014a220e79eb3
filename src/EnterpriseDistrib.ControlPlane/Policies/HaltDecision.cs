namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>Whether a rollout must halt, with the reason stored on it and shown to admins.</summary>
public sealed record HaltDecision(bool Halt, string Reason);
