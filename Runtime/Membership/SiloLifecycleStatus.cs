namespace ControlPlane.Runtime.Membership;

/// <summary>A silo's status in the membership table. Dead is final: a restarted silo joins as a new generation.</summary>
public enum SiloLifecycleStatus
{
    Joining = 1,
    Active = 2,
    ShuttingDown = 3,
    Dead = 4,
}
