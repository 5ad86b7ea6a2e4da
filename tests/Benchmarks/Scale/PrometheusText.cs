using System.Globalization;

namespace ControlPlane.Benchmarks.Scale;

/// <summary>Reads samples out of a Prometheus text exposition (pure): a metric's value by name and label filter.</summary>
public static class PrometheusText
{
    /// <summary>The sum of every sample named <paramref name="name"/> whose labels contain each of <paramref name="labels"/>.</summary>
    public static double Sum(string exposition, string name, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var total = 0.0;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[name.Length..];
            if (rest.Length == 0 || (rest[0] != ' ' && rest[0] != '{'))
            {
                continue; // another metric whose name starts with this one
            }

            var labelPart = rest[0] == '{' ? rest[..(rest.IndexOf('}', StringComparison.Ordinal) + 1)] : "";
            if (!labels.All(l => labelPart.Contains(l, StringComparison.Ordinal)))
            {
                continue;
            }

            var value = rest[labelPart.Length..].Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                total += v;
            }
        }

        return total;
    }

    /// <summary>The cumulative buckets (upper bound, count) of a histogram, in order of bound.</summary>
    public static IReadOnlyList<(double Le, double Count)> Buckets(string exposition, string name)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var buckets = new List<(double, double)>();
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(name + "_bucket{", StringComparison.Ordinal))
            {
                continue;
            }

            var le = line.IndexOf("le=\"", StringComparison.Ordinal);
            var bound = line[(le + 4)..line.IndexOf('"', le + 4)];
            var value = line[(line.IndexOf('}', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0];
            buckets.Add((bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture), double.Parse(value, CultureInfo.InvariantCulture)));
        }

        return [.. buckets.OrderBy(b => b.Item1)];
    }

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
