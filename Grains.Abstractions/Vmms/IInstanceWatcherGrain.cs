using ControlPlane.Grains.Abstractions.Specs;
using Orleans;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>
/// One shard of the instance watcher (key: the shard index, <see cref="WatcherShard.Of"/>): checks its VMMs periodically
/// with bounded concurrency, so a lost doorbell costs at most one period. VMMs enrol in their shard when initialized and
/// leave when they end; <see cref="IInstanceWatcherShardsGrain"/> addresses every shard at once.
/// </summary>
[Alias("controlplane.IInstanceWatcherGrain")]
public interface IInstanceWatcherGrain : IGrainWithIntegerKey
{
    /// <summary>Starts watching a VMM (idempotent). Interleaves with a running pass (a VMM being checked may enrol another).</summary>
    [AlwaysInterleave]
    [Alias("Track")]
    Task Track(Guid vmmId);

    /// <summary>Stops watching a VMM (it ended; idempotent). Interleaves with a running pass, which may be what ended it.</summary>
    [AlwaysInterleave]
    [Alias("Untrack")]
    Task Untrack(Guid vmmId);

    [ReadOnly]
    [Alias("Tracked")]
    Task<ValueList<Guid>> Tracked();

    /// <summary>Runs one pass of this shard now (the timer runs them every period) and reports it.</summary>
    [Alias("RunPass")]
    Task<WatcherPassReport> RunPass();
}
