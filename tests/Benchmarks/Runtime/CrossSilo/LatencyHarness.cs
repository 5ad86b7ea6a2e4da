using System.Diagnostics;

namespace ControlPlane.Benchmarks.Runtime.CrossSilo;

/// <summary>
/// Runs one call shape: a warm-up, then <c>callers</c> concurrent loops that each time every call with a Stopwatch
/// timestamp pair. The per-call times give the percentiles, the wall time of the whole run the throughput.
/// </summary>
public static class LatencyHarness
{
    /// <summary>Warms up, then times <paramref name="callers"/> x <paramref name="callsPerCaller"/> calls of <paramref name="call"/>.</summary>
    /// <param name="scenario">The row's name in the table and the progress lines.</param>
    /// <param name="callers">Concurrent callers; each awaits its call before making the next.</param>
    /// <param name="callsPerCaller">Measured calls per caller.</param>
    /// <param name="warmupCallsPerCaller">Unmeasured calls per caller first (JIT, connections, activations).</param>
    /// <param name="call">One call; its argument is the caller's index, so each caller can use its own connection or grain.</param>
    public static async Task<LatencySample> MeasureAsync(string scenario, int callers, int callsPerCaller, int warmupCallsPerCaller, Func<int, Task> call)
    {
        Console.Error.WriteLine($"  {scenario}: warm-up ({callers} x {warmupCallsPerCaller} calls)");
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            for (var i = 0; i < warmupCallsPerCaller; i++)
            {
                await call(caller).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);

        Console.Error.WriteLine($"  {scenario}: measuring ({callers} x {callsPerCaller} calls)");
        var ticks = new long[callers * callsPerCaller];
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var offset = caller * callsPerCaller;
            for (var i = 0; i < callsPerCaller; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await call(caller).ConfigureAwait(false);
                ticks[offset + i] = Stopwatch.GetTimestamp() - start;
            }
        }))).ConfigureAwait(false);
        wall.Stop();
        var sample = new LatencySample(scenario, callers, ticks, wall.Elapsed);
        Console.Error.WriteLine($"  {scenario}: p50 {sample.PercentileMicroseconds(50):F0} us, p99 {sample.PercentileMicroseconds(99):F0} us, {sample.CallsPerSecond:F0} calls/s");
        return sample;
    }
}
