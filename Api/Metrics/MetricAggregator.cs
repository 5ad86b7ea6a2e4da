using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace ControlPlane.Api.Metrics;

/// <summary>
/// Aggregates the measurements of one instrument per label set: sums for counters and up-down counters, the last
/// value for observable instruments, cumulative buckets plus sum and count for histograms. Thread-safe.
/// </summary>
public sealed class MetricAggregator
{
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly object _lock = new();
    private readonly SortedDictionary<string, Series> _series = new(StringComparer.Ordinal);
    private readonly double[] _bounds;

    public MetricAggregator(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        Instrument = instrument;
        Kind = instrument switch
        {
            ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> or ObservableCounter<float>
                or ObservableUpDownCounter<long> or ObservableUpDownCounter<int> or ObservableUpDownCounter<double> or ObservableUpDownCounter<float>
                or ObservableGauge<long> or ObservableGauge<int> or ObservableGauge<double> or ObservableGauge<float>
                or Gauge<long> or Gauge<int> or Gauge<double> or Gauge<float> => AggregationKind.LastValue,
            Histogram<long> or Histogram<int> or Histogram<double> or Histogram<float> => AggregationKind.Histogram,
            _ => AggregationKind.Sum,
        };
        IsMonotonic = instrument is Counter<long> or Counter<int> or Counter<double> or Counter<float>
            or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> or ObservableCounter<float>;
        _bounds = instrument switch
        {
            Histogram<double> { Advice.HistogramBucketBoundaries: { } advised } => [.. advised],
            Histogram<long> { Advice.HistogramBucketBoundaries: { } advised } => [.. advised.Select(b => (double)b)],
            Histogram<int> { Advice.HistogramBucketBoundaries: { } advised } => [.. advised.Select(b => (double)b)],
            _ when instrument.Unit == "s" => SecondsBuckets,
            _ => DefaultBuckets,
        };
    }

    /// <summary>How an instrument's measurements combine.</summary>
    public enum AggregationKind
    {
        Sum,
        LastValue,
        Histogram,
    }

    public Instrument Instrument { get; }

    public AggregationKind Kind { get; }

    public bool IsMonotonic { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = LabelsOf(tags);
        lock (_lock)
        {
            if (!_series.TryGetValue(labels.Key, out var series))
            {
                series = new Series(labels.Labels, _bounds.Length);
                _series.Add(labels.Key, series);
            }

            switch (Kind)
            {
                case AggregationKind.Sum:
                    series.Value += value;
                    break;
                case AggregationKind.LastValue:
                    series.Value = value;
                    break;
                default:
                    series.Count++;
                    series.Value += value;
                    var bucket = Array.FindIndex(_bounds, b => value <= b);
                    series.Buckets[bucket < 0 ? _bounds.Length : bucket]++;
                    break;
            }
        }
    }

    /// <summary>Appends this instrument's metric family in the Prometheus text format.</summary>
    public void WriteTo(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var baseName = PrometheusText.MetricName(Instrument.Name, Instrument.Unit);
        var name = Kind == AggregationKind.Sum && IsMonotonic ? baseName + "_total" : baseName;
        var type = Kind switch
        {
            AggregationKind.Histogram => "histogram",
            AggregationKind.Sum when IsMonotonic => "counter",
            _ => "gauge",
        };
        lock (_lock)
        {
            if (_series.Count == 0)
            {
                return;
            }

            if (!string.IsNullOrEmpty(Instrument.Description))
            {
                output.Append("# HELP ").Append(name).Append(' ').Append(PrometheusText.EscapeHelp(Instrument.Description)).Append('\n');
            }

            output.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            foreach (var series in _series.Values)
            {
                if (Kind != AggregationKind.Histogram)
                {
                    output.Append(name).Append(PrometheusText.Labels(series.Labels)).Append(' ').Append(PrometheusText.Value(series.Value)).Append('\n');
                    continue;
                }

                long cumulative = 0;
                for (var i = 0; i <= _bounds.Length; i++)
                {
                    cumulative += series.Buckets[i];
                    var le = i < _bounds.Length ? PrometheusText.Value(_bounds[i]) : "+Inf";
                    var labels = PrometheusText.Labels(series.Labels.Append(KeyValuePair.Create("le", le)));
                    output.Append(name).Append("_bucket").Append(labels).Append(' ').Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }

                var own = PrometheusText.Labels(series.Labels);
                output.Append(name).Append("_sum").Append(own).Append(' ').Append(PrometheusText.Value(series.Value)).Append('\n');
                output.Append(name).Append("_count").Append(own).Append(' ').Append(series.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }
    }

    private static (string Key, KeyValuePair<string, string>[] Labels) LabelsOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return ("", []);
        }

        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = KeyValuePair.Create(tags[i].Key, Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? "");
        }

        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return (string.Join('\u0001', labels.Select(l => $"{l.Key}\u0002{l.Value}")), labels);
    }

    private sealed class Series(KeyValuePair<string, string>[] labels, int bucketCount)
    {
        public KeyValuePair<string, string>[] Labels { get; } = labels;

        public double Value { get; set; }

        public long Count { get; set; }

        public long[] Buckets { get; } = new long[bucketCount + 1];
    }
}
