namespace ControlPlane.Benchmarks.Scale;

/// <summary>Percentiles by nearest rank over sorted samples (pure), as the benchmark tables report them.</summary>
public static class NearestRank
{
    public static double Percentile(double[] sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
