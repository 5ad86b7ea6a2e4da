using System.Diagnostics.Metrics;
using System.Text.Json;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Instances;

namespace ControlPlane.Grains.Diagnostics;

/// <summary>
/// The control plane's own instruments (meter <c>ControlPlane.Grains</c>): doorbells rung and received, state pulls by
/// outcome, the apply latency from a sled-side change to the Nexus side having applied it, the watcher's pass
/// duration, and how many VMMs and instances this silo hosts per state. Grains call the one-line methods below;
/// OpenTelemetry reads the meter (the gateway's <c>/metrics</c>, OTLP when configured).
/// </summary>
public static class ControlPlaneMetrics
{
    public const string MeterName = "ControlPlane.Grains";

    public static readonly Meter Meter = new(MeterName);

    /// <summary>What each VMM activation in this process holds or, collected, last held (Nexus side).</summary>
    public static readonly ActivationCensus<VmmView> Vmms = new();

    /// <summary>What each instance activation in this process holds or, collected, last held.</summary>
    public static readonly ActivationCensus<InstanceCensusEntry> Instances = new();

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

    /// <summary>How long one instance-watcher shard's pass over its VMMs took.</summary>
    public static readonly Histogram<double> WatcherPassDuration = Meter.CreateHistogram(
        "controlplane.watcher.pass.duration", "s", "Duration of one instance-watcher pass over every tracked VMM.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    /// <summary>How many VMMs one watcher shard's pass checked (VMMs already gone or awaiting release not counted).</summary>
    public static readonly Histogram<long> WatcherPassVmms = Meter.CreateHistogram(
        "controlplane.watcher.pass.vmms", "{vmm}", "VMMs checked by one instance-watcher shard's pass.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [0, 1, 10, 50, 100, 250, 500, 1000, 2500, 10000, 100000] });

    /// <summary>Nexus-side VMMs hosted by this silo, per state (tag <c>state</c>, the API's snake_case name; every state reported, zeros included).</summary>
    public static readonly ObservableUpDownCounter<long> VmmsByState = Meter.CreateObservableUpDownCounter(
        "controlplane.vmms", () => CountVmms(Vmms.Snapshot()), "{vmm}", "Nexus-side VMMs hosted by this silo (or last hosted, when collected), by state.");

    /// <summary>Instances hosted by this silo, per user-visible run state (tag <c>run_state</c>; every state reported, zeros included).</summary>
    public static readonly ObservableUpDownCounter<long> InstancesByRunState = Meter.CreateObservableUpDownCounter(
        "controlplane.instances", () => CountInstances(Instances.Snapshot(), Vmms), "{instance}", "Instances hosted by this silo (or last hosted, when collected), by run_state.");

    public static void DoorbellRung() => Doorbells.Add(1, new KeyValuePair<string, object?>("side", "rung"));

    public static void DoorbellReceived() => Doorbells.Add(1, new KeyValuePair<string, object?>("side", "received"));

    /// <summary>A pull whose state was newer (<c>applied</c>) or not (<c>stale</c>).</summary>
    public static void Pulled(bool applied) => Pulls.Add(1, new KeyValuePair<string, object?>("outcome", applied ? "applied" : "stale"));

    public static void PullFailed() => Pulls.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));

    public static void StateApplied(TimeSpan latency) => ApplyLatency.Record(latency.TotalSeconds);

    /// <summary>One watcher shard's pass: its duration and how many VMMs it checked.</summary>
    public static void WatcherPassed(TimeSpan duration, int checkedVmms)
    {
        WatcherPassDuration.Record(duration.TotalSeconds);
        WatcherPassVmms.Record(checkedVmms);
    }

    /// <summary>One measurement per VMM state (pure): the number of live (not soft-deleted) VMMs in it.</summary>
    public static IEnumerable<Measurement<long>> CountVmms(IReadOnlyCollection<VmmView> vmms)
    {
        ArgumentNullException.ThrowIfNull(vmms);
        return Enum.GetValues<NexusVmmState>().Select(s => new Measurement<long>(
            vmms.Count(v => !v.Deleted && v.State == s), new KeyValuePair<string, object?>("state", WireName(s))));
    }

    /// <summary>One measurement per run state (pure): each instance's run state derived with its active VMM's current view when known.</summary>
    public static IEnumerable<Measurement<long>> CountInstances(IReadOnlyCollection<InstanceCensusEntry> instances, ActivationCensus<VmmView> vmms)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(vmms);
        var states = instances.Select(i => i.RunState(i.ActiveVmmId is { } id && vmms.TryGet(id, out var current) ? current : null)).ToList();
        return Enum.GetValues<InstanceRunState>().Select(s => new Measurement<long>(
            states.Count(x => x == s), new KeyValuePair<string, object?>("run_state", WireName(s))));
    }

    private static string WireName<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
