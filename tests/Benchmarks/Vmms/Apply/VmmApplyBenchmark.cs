using System.Globalization;
using System.Text;
using ControlPlane.TestSupport.Postgres;

namespace ControlPlane.Benchmarks.Vmms.Apply;

/// <summary>
/// <c>dotnet run -c Release --project tests/Benchmarks -- vmm-apply</c>: the latency from a sled-side VMM state change
/// to that state being persisted by the Nexus-side <c>IVmmGrain</c>, p50/p99 and changes/s, for the doorbell -> pull
/// design on the in-memory default and on PostgreSQL, a polling-only baseline, the old push-with-body upcall applied
/// directly, and the legacy upcall as implemented (body ignored, rings). Every path runs with one VMM (unloaded latency)
/// and with <see cref="ConcurrentVmms"/> VMMs changing at once. Progress goes to stderr, the markdown table to stdout.
/// </summary>
public static class VmmApplyBenchmark
{
    public const string Command = "vmm-apply";

    /// <summary>The polling baseline's interval: the instance watcher's period in its cluster.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private const int ConcurrentVmms = 16;
    private const int SequentialCycles = 300;
    private const int ConcurrentCyclesPerVmm = 40;
    private const int PollingSequentialCycles = 100;
    private const int PollingConcurrentCyclesPerVmm = 10;
    private const int WarmupCycles = 20;

    private static readonly TimeSpan NoWatcher = TimeSpan.FromHours(1);

    public static async Task<int> RunAsync()
    {
        var rows = new List<VmmApplyRow>();
        var signal = AppliedGenerationSignal.Shared;

        Console.Error.WriteLine("in-memory cluster (watcher off): doorbell, push-with-body, legacy upcall");
        await using (var memory = await VmmApplyCluster.StartAsync(null, NoWatcher))
        {
            await MeasurePathAsync(rows, memory, signal, VmmApplyPath.DoorbellPull, "memory");
            await MeasurePathAsync(rows, memory, signal, VmmApplyPath.PushWithBody, "memory");
            await MeasurePathAsync(rows, memory, signal, VmmApplyPath.LegacyUpcall, "memory");
        }

        Console.Error.WriteLine($"in-memory cluster (watcher every {PollInterval.TotalMilliseconds:F0} ms, doorbells dropped): polling only");
        await using (var polling = await VmmApplyCluster.StartAsync(null, PollInterval))
        {
            await MeasurePathAsync(rows, polling, signal, VmmApplyPath.PollingOnly, "memory");
        }

        await MeasurePostgresAsync(rows, signal);

        Console.WriteLine(FormatTable(rows));
        return 0;
    }

    private static async Task MeasurePostgresAsync(List<VmmApplyRow> rows, AppliedGenerationSignal signal)
    {
        if (PostgresServer.FindBinaries() is null)
        {
            Console.Error.WriteLine("PostgreSQL: " + PostgresServer.MissingBinariesMessage);
            rows.Add(new VmmApplyRow(Describe(VmmApplyPath.DoorbellPull), "PostgreSQL", null, "not run: " + PostgresServer.MissingBinariesMessage));
            return;
        }

        Console.Error.WriteLine("PostgreSQL: starting a throwaway server");
        await using var server = await PostgresServer.StartAsync();
        Console.Error.WriteLine("PostgreSQL cluster (watcher off): doorbell, push-with-body");
        VmmApplyCluster started;
        try
        {
            started = await VmmApplyCluster.StartAsync(await server.CreateDatabaseAsync(), NoWatcher);
        }
#pragma warning disable CA1031 // a cluster that cannot start on this schema is a row saying why, not a crash after the in-memory rows
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var reason = ex.GetBaseException().Message.ReplaceLineEndings(" ");
            Console.Error.WriteLine("PostgreSQL: the cluster did not start: " + ex);
            rows.Add(new VmmApplyRow(Describe(VmmApplyPath.DoorbellPull), "PostgreSQL", null, "not run: the silo did not start (" + reason + ")"));
            return;
        }

        await using var postgres = started;
        await MeasurePathAsync(rows, postgres, signal, VmmApplyPath.DoorbellPull, "PostgreSQL");
        await MeasurePathAsync(rows, postgres, signal, VmmApplyPath.PushWithBody, "PostgreSQL");
    }

    private static async Task MeasurePathAsync(List<VmmApplyRow> rows, VmmApplyCluster cluster, AppliedGenerationSignal signal, VmmApplyPath path, string store)
    {
        var polling = path == VmmApplyPath.PollingOnly;
        var pushes = path is VmmApplyPath.PushWithBody or VmmApplyPath.LegacyUpcall;
        var targets = await cluster.RunningVmmsAsync(path.ToString(), ConcurrentVmms, dropDoorbells: polling || pushes);
        var jitter = polling ? PollInterval : TimeSpan.Zero;
        var name = Describe(path);
        var sequential = polling ? PollingSequentialCycles : SequentialCycles;
        var concurrent = polling ? PollingConcurrentCyclesPerVmm : ConcurrentCyclesPerVmm;
        var warmup = polling ? WarmupCycles / 10 : WarmupCycles;
        rows.Add(new VmmApplyRow(name, store, await VmmApplyRunner.MeasureAsync($"{name} [{store}], 1 VMM", cluster.Grains, signal, path, targets, 1, sequential, warmup, jitter)));
        rows.Add(new VmmApplyRow(name, store, await VmmApplyRunner.MeasureAsync($"{name} [{store}], {ConcurrentVmms} VMMs", cluster.Grains, signal, path, targets, ConcurrentVmms, concurrent, warmup / 2, jitter)));
    }

    private static string Describe(VmmApplyPath path) => path switch
    {
        VmmApplyPath.DoorbellPull => "doorbell -> pull (design)",
        VmmApplyPath.PollingOnly => $"polling only (watcher Check every {PollInterval.TotalMilliseconds:F0} ms, no doorbell)",
        VmmApplyPath.PushWithBody => "push with body (v1 body -> IVmmGrain.Apply)",
        VmmApplyPath.LegacyUpcall => "legacy upcall as implemented (PutLegacy: body ignored, rings -> pull)",
        _ => path.ToString(),
    };

    private static string FormatTable(IEnumerable<VmmApplyRow> rows)
    {
        var table = new StringBuilder();
        table.AppendLine("| path | store | VMMs | changes | p50 ms | p99 ms | changes/s |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            if (row.Sample is not { } sample)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"| {row.Path} | {row.Store} | - | - | - | - | {row.Skipped} |");
                continue;
            }

            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Path} | {row.Store} | {sample.Callers} | {sample.Calls} | {sample.PercentileMicroseconds(50) / 1000:F3} | {sample.PercentileMicroseconds(99) / 1000:F3} | {row.ChangesPerSecond:F0} |");
        }

        return table.ToString();
    }
}
