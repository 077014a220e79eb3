namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>What can move a rollout: its clock, its failure rate, its progress, or an admin.</summary>
public enum RolloutTrigger
{
    /// <summary>The first wave's start time came.</summary>
    WaveOpened = 1,
    Pause = 2,
    Resume = 3,

    /// <summary>A wave's failure rate passed the threshold.</summary>
    Halt = 4,

    /// <summary>Every wave is open and every targeted agent finished.</summary>
    Complete = 5,
    Cancel = 6,
}
