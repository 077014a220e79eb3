namespace EnterpriseDistrib.ControlPlane.Abstractions.Swarms;

/// <summary>The BEP 3 announce <c>event</c>: none for a regular announce.</summary>
public enum SwarmEvent
{
    None,
    Started,
    Completed,
    Stopped,
}
