using ControlPlane.Grains.Abstractions.Specs;
using Orleans;

namespace ControlPlane.Grains.Instances.Registry;

/// <summary>
/// The persisted shard: where each of its chunks starts, ascending (empty: one chunk, number 0, holding the whole shard),
/// and the number the next split's chunk takes. Id 0 (the shard's ids, before chunks) is retired.
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.InstanceRegistryShardState")]
public sealed record InstanceRegistryShardState
{
    [Id(1)]
    public ValueList<RegistryChunkBound> Chunks { get; init; } = ValueList<RegistryChunkBound>.Empty;

    [Id(2)]
    public int NextChunk { get; init; } = 1;
}
