namespace ControlPlane.Grains.Vmms.Sled;

/// <summary>Standing faults of one simulated VMM (one-shot faults such as a crash are events instead).</summary>
[Flags]
public enum SledVmmFaults
{
    None = 0,
    StopHangs = 1,
    MigrationFails = 2,
    DropDoorbells = 4,
}
