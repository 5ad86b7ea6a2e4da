using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Runtime;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>
/// The instance watcher (key 0): checks every live VMM periodically with bounded concurrency, so a lost
/// doorbell costs at most one period. VMMs enrol themselves when initialized and leave when they end.
/// </summary>
public interface IInstanceWatcherGrain : IGrainWithIntegerKey
{
    /// <summary>Starts watching a VMM. Interleaves with a running pass (a VMM being checked may enrol another).</summary>
    [AlwaysInterleave]
    Task Track(Guid vmmId);

    /// <summary>Stops watching a VMM (it ended). Interleaves with a running pass, which may be what ended it.</summary>
    [AlwaysInterleave]
    Task Untrack(Guid vmmId);

    [ReadOnly]
    Task<ValueList<Guid>> Tracked();

    /// <summary>Runs one pass now (the timer runs them every period) and reports it.</summary>
    Task<WatcherPassReport> RunPass();
}
