using Orleans;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Abstractions.Instances.Registry;

/// <summary>
/// One of the <see cref="InstanceRegistryShards.Count"/> shards of the list of live instances (key: the leading byte of
/// the instance id, <see cref="InstanceRegistryShards.Of"/>), kept as a sorted set so that a page is a range read and a
/// create touches one shard, never a global list.
/// </summary>
[Alias("controlplane.IInstanceRegistryShardGrain")]
public interface IInstanceRegistryShardGrain : IGrainWithIntegerKey
{
    /// <summary>Lists the instance (idempotent).</summary>
    [Alias("Add")]
    Task Add(Guid instanceId);

    /// <summary>Stops listing the instance (idempotent).</summary>
    [Alias("Remove")]
    Task Remove(Guid instanceId);

    /// <summary>Up to <paramref name="limit"/> ids of this shard greater than <paramref name="after"/> (all when null), ascending.</summary>
    [ReadOnly]
    [Alias("Page")]
    Task<InstanceIdPage> Page(Guid? after, int limit);
}
