using System.Globalization;
using System.Text;

namespace ControlPlane.Benchmarks.Scale;

/// <summary>The scale benchmark's markdown table (pure): one row per N, the columns its README explains.</summary>
internal static class ScaleTable
{
    public static string Format(IReadOnlyList<ScaleRow> rows, string store, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Store: {store}; client: its own process, {concurrency} concurrent POSTs; instances of 1 CPU / 256 MiB, started on create.");
        s.AppendLine();
        s.AppendLine("| N | failed | creates/s | first tenth /s | last tenth /s | POST p50 ms | POST p99 ms | p50 first -> last tenth ms | all running s | RSS MiB | RSS B/instance | GC heap B/instance | list page p50/p99 ms | watcher: shard passes, VMMs checked, mean / p99 pass ms | idle, after a full GC: RSS B/instance | live heap B/instance | activations/instance | idle: cold pages p50/p99 ms (pages) |");
        s.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| {r.N:N0} | {r.Failed} | {r.CreatesPerSecond:0} | {r.FirstTenthPerSecond:0} | {r.LastTenthPerSecond:0} | {r.PostP50:0.0} | {r.PostP99:0.0} | {r.FirstTenthP50:0.0} -> {r.LastTenthP50:0.0} | {r.AllRunningSeconds:0.0} | {r.RssBytes / 1048576.0:0} | {r.RssPerInstance:N0} | {r.HeapPerInstance:N0} | {r.PageP50:0.0} / {r.PageP99:0.0} ({(r.Paginated ? "one page of 100" : "whole list, limit ignored")}, {r.PageBytes:N0} B) | {r.Watcher.Passes:0}, {r.Watcher.Checked:0} in {r.Watcher.WindowSeconds:0} s, {r.Watcher.MeanPassMs:0.0} / <= {r.Watcher.P99PassUpperBoundMs:0} | {r.IdleRssPerInstance:N0} | {r.IdleHeapPerInstance:N0} | {r.IdleActivationsPerInstance:0.00} | {r.ColdPages.P50:0.0} / {r.ColdPages.P99:0.0} ({r.ColdPages.Pages}) |");
        }

        foreach (var r in rows.Where(r => r.HeapBreakdown is not null))
        {
            s.AppendLine();
            s.Append(r.HeapBreakdown);
        }

        return s.ToString();
    }
}
