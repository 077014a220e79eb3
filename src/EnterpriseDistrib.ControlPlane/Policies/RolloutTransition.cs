using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>The answer of the state machine: the new status, or why the move is refused.</summary>
public sealed record RolloutTransition(RolloutStatus From, RolloutTrigger Trigger, RolloutStatus To, string? Refusal)
{
    public bool Allowed => Refusal is null;
}
