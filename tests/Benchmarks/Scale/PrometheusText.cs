using ControlPlane.TestSupport;

namespace ControlPlane.Benchmarks.Scale;

/// <summary>Queries over a Prometheus text exposition (pure, parsed by <see cref="PrometheusScrape"/>): sums by name and labels, histogram buckets.</summary>
public static class PrometheusText
{
    /// <summary>The sum of every sample named <paramref name="name"/> whose labels include each of <paramref name="labels"/>.</summary>
    public static double Sum(string exposition, string name, params (string Key, string Value)[] labels) =>
        PrometheusScrape.Parse(exposition)
            .Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
            .Sum(s => s.Value);

    /// <summary>The cumulative buckets (upper bound, count) of a histogram, in order of bound.</summary>
    public static IReadOnlyList<(double Le, double Count)> Buckets(string exposition, string name) =>
        [.. PrometheusScrape.Parse(exposition)
            .Where(s => s.Name == name + "_bucket" && s.Labels.ContainsKey("le"))
            .Select(s => (Le: s.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(s.Labels["le"], System.Globalization.CultureInfo.InvariantCulture), Count: s.Value))
            .OrderBy(b => b.Le)];

    /// <summary>The upper bound of the bucket holding quantile <paramref name="q"/> (from cumulative buckets), or NaN when empty.</summary>
    public static double QuantileUpperBound(IReadOnlyList<(double Le, double Count)> buckets, double q)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (buckets.Count == 0 || buckets[^1].Count == 0)
        {
            return double.NaN;
        }

        var target = q * buckets[^1].Count;
        return buckets.First(b => b.Count >= target).Le;
    }
}
