using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Vmms.Watcher;

/// <summary>Folds check outcomes into a pass report (pure).</summary>
public static class WatcherPassTally
{
    public static WatcherPassReport Tally(IReadOnlyCollection<VmmCheckOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return new WatcherPassReport
        {
            Checked = outcomes.Count(o => o is not (VmmCheckOutcome.NotLive or VmmCheckOutcome.AwaitingRelease)),
            Applied = outcomes.Count(o => o == VmmCheckOutcome.Applied),
            Unchanged = outcomes.Count(o => o == VmmCheckOutcome.Unchanged),
            MarkedFailed = outcomes.Count(o => o is VmmCheckOutcome.FailedNoSuchInstance or VmmCheckOutcome.FailedSledOff),
            Inconclusive = outcomes.Count(o => o == VmmCheckOutcome.Inconclusive),
        };
    }
}
