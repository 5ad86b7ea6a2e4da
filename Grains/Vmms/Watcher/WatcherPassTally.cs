using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Vmms.Watcher;

/// <summary>Folds check outcomes into a pass report, and shards' reports into one (pure).</summary>
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

    public static WatcherPassReport Sum(IReadOnlyCollection<WatcherPassReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return new WatcherPassReport
        {
            Checked = reports.Sum(r => r.Checked),
            Applied = reports.Sum(r => r.Applied),
            Unchanged = reports.Sum(r => r.Unchanged),
            MarkedFailed = reports.Sum(r => r.MarkedFailed),
            Inconclusive = reports.Sum(r => r.Inconclusive),
        };
    }
}
