namespace ControlPlane.Benchmarks.Runtime.CrossSilo;

/// <summary>One measured scenario: per-call latencies (Stopwatch ticks) and the wall time of the whole run.</summary>
public sealed record LatencySample(string Scenario, int Callers, long[] CallTicks, TimeSpan Elapsed)
{
    public int Calls => CallTicks.Length;

    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;

    /// <summary>The latency below which <paramref name="percent"/> of the calls finished, in microseconds (nearest rank).</summary>
    public double PercentileMicroseconds(double percent)
    {
        var sorted = (long[])CallTicks.Clone();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1;
        var ticks = sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        return ticks * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency;
    }
}
