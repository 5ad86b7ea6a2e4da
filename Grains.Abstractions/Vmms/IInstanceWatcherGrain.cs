using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Runtime;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>
/// The instance watcher (key 0): checks every live VMM periodically with bounded concurrency, so a lost
/// doorbell costs at most one period. VMMs enrol themselves when initialized and leave when they end.
/// </summary>
public interface IInstanceWatcherGrain : IGrainWithIntegerKey
{
    Task Track(Guid vmmId);

    Task Untrack(Guid vmmId);

    [ReadOnly]
    Task<ValueList<Guid>> Tracked();

    /// <summary>Runs one pass now (the timer runs them every period) and reports it.</summary>
    Task<WatcherPassReport> RunPass();
}
