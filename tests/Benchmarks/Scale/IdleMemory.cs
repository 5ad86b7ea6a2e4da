using System.Diagnostics;

namespace ControlPlane.Benchmarks.Scale;

/// <summary>
/// The Api's memory once its instances sit idle: waits until Orleans' idle collection has run (activations fell and then
/// held for longer than a collection quantum), induces a full GC (<see cref="InducedGc"/>), and reads RSS and the live heap.
/// </summary>
public static class IdleMemory
{
    private const string Activations = "orleans_catalog_activations";
    private const string Gen2Collections = "dotnet_gc_collections_total";
    private const string HeapSize = "dotnet_gc_last_collection_heap_size_bytes";
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(75);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(8);

    /// <summary>RSS, live heap and activations after a full GC, now.</summary>
    public static async Task<IdleFigures> ReadAfterFullGcAsync(ApiProcess api, Func<Task<string>> metrics)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(metrics);
        await InducedGc.CollectAsync(api.ProcessId, async () => PrometheusText.Sum(await metrics(), Gen2Collections, ("gc_heap_generation", "gen2")));
        var after = await metrics();
        return new IdleFigures(await SettledRssAsync(api), (long)PrometheusText.Sum(after, HeapSize), (long)PrometheusText.Sum(after, Activations));
    }

    /// <summary>The GC gives freed regions back to the OS step by step after a collection: RSS once it stopped falling for 10 s (at most a minute).</summary>
    private static async Task<long> SettledRssAsync(ApiProcess api)
    {
        var started = Stopwatch.GetTimestamp();
        var (lowest, lowestAt) = (api.RssBytes(), Stopwatch.GetTimestamp());
        while (Stopwatch.GetElapsedTime(lowestAt) < TimeSpan.FromSeconds(10) && Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = api.RssBytes();
            if (now < lowest - (1 << 20))
            {
                (lowest, lowestAt) = (now, Stopwatch.GetTimestamp());
            }
        }

        return lowest;
    }

    /// <summary>Waits for idle collection (progress on stderr), then <see cref="ReadAfterFullGcAsync"/>.</summary>
    public static async Task<IdleFigures> AfterCollectionAsync(ApiProcess api, Func<Task<string>> metrics, string label)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var started = Stopwatch.GetTimestamp();
        var first = PrometheusText.Sum(await metrics(), Activations);
        var (last, lastChange, fell) = (first, Stopwatch.GetTimestamp(), false);
        while (Stopwatch.GetElapsedTime(started) < GiveUpAfter && !(fell && Stopwatch.GetElapsedTime(lastChange) > Settled))
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            var now = PrometheusText.Sum(await metrics(), Activations);
            if (now != last)
            {
                (fell, last, lastChange) = (fell || now < last, now, Stopwatch.GetTimestamp());
                Console.Error.WriteLine($"{label}: idle collection: {now:N0} activations ({first:N0} when all ran), {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
            }
        }

        return await ReadAfterFullGcAsync(api, metrics);
    }
}

/// <summary>What the Api holds after a full GC: resident set, live managed heap, Orleans activations.</summary>
public sealed record IdleFigures(long RssBytes, long HeapBytes, long Activations);
