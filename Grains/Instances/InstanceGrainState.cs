using Orleans;
namespace ControlPlane.Grains.Instances;

/// <summary>The persisted instance; null until created.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.InstanceGrainState")]
public sealed record InstanceGrainState
{
    [Id(0)]
    public InstanceRecord? Instance { get; init; }
}
