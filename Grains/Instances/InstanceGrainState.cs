namespace ControlPlane.Grains.Instances;

/// <summary>The persisted instance; null until created.</summary>
public sealed record InstanceGrainState
{
    public InstanceRecord? Instance { get; init; }
}
