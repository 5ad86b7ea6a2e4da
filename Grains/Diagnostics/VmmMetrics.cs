using System.Diagnostics.Metrics;

namespace ControlPlane.Grains.Diagnostics;

/// <summary>
/// The VMM grains' instruments (meter <c>ControlPlane.Grains</c>): doorbells rung and received, state pulls by
/// outcome, and the apply latency from a sled-side change to the Nexus side having applied it. Grains call the
/// one-line methods below; exporters (the gateway's /metrics) read the meter.
/// </summary>
public static class VmmMetrics
{
    public const string MeterName = "ControlPlane.Grains";

    public static readonly Meter Meter = new(MeterName);

    /// <summary>Doorbells (tag <c>side</c>: <c>rung</c> by a sled-side grain or the legacy upcall, <c>received</c> by a Nexus-side grain).</summary>
    public static readonly Counter<long> Doorbells = Meter.CreateCounter<long>(
        "controlplane.vmm.doorbells", "{doorbell}", "VMM doorbells rung on the sled side and received on the Nexus side.");

    /// <summary>Sled-state pulls by the Nexus side (tag <c>outcome</c>: <c>applied</c>, <c>stale</c> (generation not newer), <c>failed</c>).</summary>
    public static readonly Counter<long> Pulls = Meter.CreateCounter<long>(
        "controlplane.vmm.pulls", "{pull}", "Sled-state pulls by the Nexus side, by outcome.");

    /// <summary>Time from a sled-side state change (its <c>time_updated</c>) to the Nexus side having persisted it.</summary>
    public static readonly Histogram<double> ApplyLatency = Meter.CreateHistogram(
        "controlplane.vmm.apply.duration", "s", "Time from a sled-side VMM state change to the Nexus side having applied it.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    public static void DoorbellRung() => Doorbells.Add(1, new KeyValuePair<string, object?>("side", "rung"));

    public static void DoorbellReceived() => Doorbells.Add(1, new KeyValuePair<string, object?>("side", "received"));

    /// <summary>A pull whose state was newer (<c>applied</c>) or not (<c>stale</c>).</summary>
    public static void Pulled(bool applied) => Pulls.Add(1, new KeyValuePair<string, object?>("outcome", applied ? "applied" : "stale"));

    public static void PullApplied() => Pulls.Add(1, new KeyValuePair<string, object?>("outcome", "applied"));

    public static void PullStale() => Pulls.Add(1, new KeyValuePair<string, object?>("outcome", "stale"));

    public static void PullFailed() => Pulls.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));

    public static void StateApplied(TimeSpan latency) => ApplyLatency.Record(latency.TotalSeconds);
}
