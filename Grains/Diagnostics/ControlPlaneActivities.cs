using System.Diagnostics;

namespace ControlPlane.Grains.Diagnostics;

/// <summary>
/// The control plane's own spans (activity source <c>ControlPlane.Grains</c>), for the work Orleans' call spans do not
/// cover: a sled-side ring runs on a timer after the change that owed it, and a Nexus-side pull runs on a timer after
/// the doorbells it answers, and a watcher pass on its timer. A ring is a child of the change that rang it (so it sits in the trace of, say, the HTTP
/// request that stopped the VMM); a pull starts its own trace, linked to every ring it coalesced.
/// </summary>
public static class ControlPlaneActivities
{
    public const string SourceName = "ControlPlane.Grains";

    public const string RingName = "controlplane.vmm.ring";

    public const string PullName = "controlplane.vmm.pull";

    public const string WatcherPassName = "controlplane.watcher.pass";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The context of the span running now (the change or the ring in progress), or default when none.</summary>
    public static ActivityContext CurrentContext() => Activity.Current?.Context ?? default;

    /// <summary>A ring of <paramref name="vmmId"/>'s doorbell, as a child of the change that owed it (a root when none was traced).</summary>
    public static Activity? StartRing(Guid vmmId, ActivityContext change)
    {
        Activity.Current = null; // a timer turn must not inherit whatever ran before it
        var activity = Source.StartActivity(RingName, ActivityKind.Producer, change);
        activity?.SetTag("controlplane.vmm.id", vmmId.ToString());
        return activity;
    }

    /// <summary>One instance-watcher pass: its own trace, with every VMM check under it.</summary>
    public static Activity? StartWatcherPass(int tracked)
    {
        Activity.Current = null;
        var activity = Source.StartActivity(WatcherPassName, ActivityKind.Internal, parentContext: default);
        activity?.SetTag("controlplane.watcher.tracked", tracked);
        return activity;
    }

    /// <summary>A pull of <paramref name="vmmId"/>'s sled state: a new trace linked to each ring it answers.</summary>
    public static Activity? StartPull(Guid vmmId, IReadOnlyCollection<ActivityContext> rings)
    {
        ArgumentNullException.ThrowIfNull(rings);
        Activity.Current = null;
        var activity = Source.StartActivity(
            PullName, ActivityKind.Consumer, parentContext: default, links: [.. rings.Where(r => r != default).Select(r => new ActivityLink(r))]);
        activity?.SetTag("controlplane.vmm.id", vmmId.ToString());
        return activity;
    }
}
