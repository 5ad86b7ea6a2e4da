using System.Diagnostics;
using System.Diagnostics.Metrics;
using ControlPlane.Runtime.Messaging;

namespace ControlPlane.Runtime.Diagnostics;

/// <summary>
/// The runtime's instruments (meter <c>ControlPlane.Runtime</c>): grain calls by grain type and outcome, their
/// duration, and live activations. Any <see cref="MeterListener"/> can export them (the gateway serves /metrics).
/// </summary>
public static class RuntimeMetrics
{
    public const string MeterName = "ControlPlane.Runtime";

    public static readonly Meter Meter = new(MeterName);

    /// <summary>Grain requests run to completion on this silo (tags: <c>grain_type</c>, <c>outcome</c>: ok, error, cancelled, rejected).</summary>
    public static readonly Counter<long> GrainCalls = Meter.CreateCounter<long>(
        "controlplane.runtime.grain_calls", "{call}", "Grain requests run on this silo, by grain type and outcome.");

    /// <summary>How long grain requests ran once their turn started (tag: <c>grain_type</c>).</summary>
    public static readonly Histogram<double> GrainCallDuration = Meter.CreateHistogram(
        "controlplane.runtime.grain_call.duration", "s", "Time grain requests ran on this silo, from the start of their turn.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30] });

    /// <summary>Activations live on this silo (tag: <c>grain_type</c>).</summary>
    public static readonly UpDownCounter<long> Activations = Meter.CreateUpDownCounter<long>(
        "controlplane.runtime.activations", "{activation}", "Grain activations live on this silo, by grain type.");

    /// <summary>Activations that failed (constructor, state load or OnActivateAsync threw).</summary>
    public static readonly Counter<long> ActivationFailures = Meter.CreateCounter<long>(
        "controlplane.runtime.activation_failures", "{activation}", "Grain activations that failed, by grain type.");

    internal static void CallCompleted(string grainType, Response response, long startedTimestamp)
    {
        var outcome = response.Status switch
        {
            ResponseStatus.Success => "ok",
            ResponseStatus.Cancelled => "cancelled",
            ResponseStatus.Rejected => "rejected",
            _ => "error",
        };
        GrainCalls.Add(1, new KeyValuePair<string, object?>("grain_type", grainType), new KeyValuePair<string, object?>("outcome", outcome));
        GrainCallDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new KeyValuePair<string, object?>("grain_type", grainType));
    }

    internal static void ActivationAdded(string grainType) => Activations.Add(1, new KeyValuePair<string, object?>("grain_type", grainType));

    internal static void ActivationRemoved(string grainType) => Activations.Add(-1, new KeyValuePair<string, object?>("grain_type", grainType));

    internal static void ActivationFailed(string grainType) => ActivationFailures.Add(1, new KeyValuePair<string, object?>("grain_type", grainType));
}
