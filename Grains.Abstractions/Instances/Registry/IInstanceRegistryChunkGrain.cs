using ControlPlane.Grains.Abstractions.Specs;
using Orleans;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Abstractions.Instances.Registry;

/// <summary>
/// One chunk of a registry shard: the listed ids of one range of the shard, at most a bounded number (the shard splits a
/// full chunk and moves its upper half to a new one), so that an add writes a bounded set however many instances exist.
/// Every call names the chunk's range as the shard knows it: ids outside it (left by a split that did not finish) are
/// never read and are dropped by the next write.
/// </summary>
[Alias("controlplane.IInstanceRegistryChunkGrain")]
public interface IInstanceRegistryChunkGrain : IGrainWithIntegerKey
{
    /// <summary>Lists the instance (idempotent); returns how many ids of <paramref name="range"/> the chunk now holds.</summary>
    [Alias("Add")]
    Task<int> Add(Guid instanceId, IdRange range);

    /// <summary>Stops listing the instance (idempotent).</summary>
    [Alias("Remove")]
    Task Remove(Guid instanceId, IdRange range);

    /// <summary>Up to <paramref name="limit"/> ids of the range greater than <paramref name="after"/>, ascending.</summary>
    [ReadOnly]
    [Alias("Page")]
    Task<InstanceIdPage> Page(Guid? after, int limit, IdRange range);

    /// <summary>The upper half of the range's ids (from the median up), which a split moves to a new chunk; nothing changes here.</summary>
    [ReadOnly]
    [Alias("UpperHalf")]
    Task<ValueList<Guid>> UpperHalf(IdRange range);

    /// <summary>Makes the chunk hold exactly <paramref name="ids"/> (those in <paramref name="range"/>): a split's new chunk.</summary>
    [Alias("Replace")]
    Task Replace(ValueList<Guid> ids, IdRange range);

    /// <summary>Drops the ids outside <paramref name="range"/> (idempotent): the last step of a split, for the chunk split.</summary>
    [Alias("Trim")]
    Task Trim(IdRange range);
}
