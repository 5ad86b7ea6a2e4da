using ControlPlane.Grains.Abstractions.Specs;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>
/// Every shard of the instance watcher at once (key 0; a stateless worker that knows the configured shard count): for
/// operators and tests that want one pass over every VMM or the whole tracked set. Nothing on the create path calls it.
/// </summary>
[Alias("controlplane.IInstanceWatcherShardsGrain")]
public interface IInstanceWatcherShardsGrain : IGrainWithIntegerKey
{
    /// <summary>The configured number of shards (<c>Vmms:WatcherShards</c>).</summary>
    [Alias("ShardCount")]
    Task<int> ShardCount();

    /// <summary>Runs one pass of every shard now and reports their sum.</summary>
    [Alias("RunPasses")]
    Task<WatcherPassReport> RunPasses();

    /// <summary>Every tracked VMM, over all shards, in order.</summary>
    [Alias("Tracked")]
    Task<ValueList<Guid>> Tracked();
}
