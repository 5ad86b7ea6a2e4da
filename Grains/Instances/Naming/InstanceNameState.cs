using Orleans;

namespace ControlPlane.Grains.Instances.Naming;

/// <summary>The persisted claim on one name: the instance holding it, or none.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.InstanceNameState")]
public sealed record InstanceNameState
{
    [Id(0)]
    public Guid? Holder { get; init; }
}
