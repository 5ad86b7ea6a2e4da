using ControlPlane.Grains.Abstractions.Specs;
using Orleans;

namespace ControlPlane.Grains.Instances.Registry;

/// <summary>The persisted chunk: its listed instance ids, ascending.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.InstanceRegistryChunkState")]
public sealed record InstanceRegistryChunkState
{
    [Id(0)]
    public ValueList<Guid> Ids { get; init; } = ValueList<Guid>.Empty;
}
