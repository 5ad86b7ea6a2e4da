using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace ControlPlane.Api.Metrics;

/// <summary>
/// A <see cref="MeterListener"/> that aggregates every instrument of the chosen meters (by name prefix) in process
/// and renders them in the Prometheus text format on demand. Observable instruments are read at scrape time.
/// </summary>
public sealed class PrometheusMetricsCollector : IDisposable
{
    /// <summary>The meters exported by default: the control plane's own, Orleans' (messaging, catalog, directory, membership, storage), ASP.NET Core's HTTP server and the .NET runtime.</summary>
    public static readonly IReadOnlyList<string> DefaultMeterPrefixes = ["ControlPlane.", "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "System.Runtime"];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, MetricAggregator> _aggregators = new();
    private readonly IReadOnlyList<string> _prefixes;

    public PrometheusMetricsCollector(IReadOnlyList<string>? meterPrefixes = null)
    {
        _prefixes = meterPrefixes ?? DefaultMeterPrefixes;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_prefixes.Any(p => instrument.Meter.Name.StartsWith(p, StringComparison.Ordinal)))
            {
                listener.EnableMeasurementEvents(instrument, _aggregators.GetOrAdd(instrument, static i => new MetricAggregator(i)));
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _aggregators.TryRemove(instrument, out MetricAggregator? _);
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((MetricAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((MetricAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((MetricAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((MetricAggregator)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Every exported metric family, sorted by name, in the Prometheus text format.</summary>
    public string Scrape()
    {
        _listener.RecordObservableInstruments();
        var output = new StringBuilder();
        foreach (var aggregator in _aggregators.Values.OrderBy(a => a.Instrument.Name, StringComparer.Ordinal).ThenBy(a => a.Instrument.Meter.Name, StringComparer.Ordinal))
        {
            aggregator.WriteTo(output);
        }

        return output.ToString();
    }

    public void Dispose() => _listener.Dispose();
}
