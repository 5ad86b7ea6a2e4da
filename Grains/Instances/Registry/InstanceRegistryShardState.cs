using ControlPlane.Grains.Abstractions.Specs;
using Orleans;

namespace ControlPlane.Grains.Instances.Registry;

/// <summary>The persisted shard: its listed instance ids, ascending.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.InstanceRegistryShardState")]
public sealed record InstanceRegistryShardState
{
    [Id(0)]
    public ValueList<Guid> Ids { get; init; } = ValueList<Guid>.Empty;
}
