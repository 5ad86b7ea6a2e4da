using Orleans;
using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Instances;

/// <summary>The persisted registry: live instances and their names.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.InstanceRegistryState")]
public sealed record InstanceRegistryState
{
    [Id(0)]
    public ValueList<InstanceName> Instances { get; init; } = ValueList<InstanceName>.Empty;
}

/// <summary>One listed instance and its name.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.InstanceName")]
public sealed record InstanceName([property: Id(0)] Guid InstanceId, [property: Id(1)] string Name);
