using System.Diagnostics;
using System.Globalization;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs.Simple;
using ControlPlane.Grains.Diagnostics;
using ControlPlane.Grains.Hosting;
using ControlPlane.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;

namespace ControlPlane.Benchmarks.Scale;

/// <summary>
/// <c>dotnet run -c Release --project tests/Benchmarks -- scale-memory [N]</c>: where an idle running instance's bytes go.
/// One silo in this process, configured as the Api's embedded default (<see cref="ControlPlaneSiloConfiguration"/>,
/// in-memory storage, two large sleds, no watcher pass during the run), driven through its own grain factory; the managed
/// heap after a full, compacting GC (<see cref="GC.GetTotalMemory(bool)"/>) is read after each phase: N instances created
/// stopped; all started and running; after the configured idle collection; every idle activation forced out (what storage keeps).
/// Activations per grain type come from Orleans' management grain. Prints a markdown table.
/// </summary>
public static class MemoryBreakdown
{
    public const string Command = "scale-memory";

    public static async Task<int> RunAsync(string[] args)
    {
        var n = args is [var text, ..] ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : 10_000;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:ClusterId"] = "memory",
            ["Silo:SiloName"] = "memory",
            ["Endpoints:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Endpoints:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Sleds:0:id"] = "5f0c0a61-3b1e-4c8e-9a51-000000000001",
            ["Sleds:0:cpus"] = (n + 100).ToString(CultureInfo.InvariantCulture),
            ["Sleds:0:memory_mib"] = (256L * (n + 100)).ToString(CultureInfo.InvariantCulture),
            ["Sleds:1:id"] = "5f0c0a61-3b1e-4c8e-9a51-000000000002",
            ["Sleds:1:cpus"] = (n + 100).ToString(CultureInfo.InvariantCulture),
            ["Sleds:1:memory_mib"] = (256L * (n + 100)).ToString(CultureInfo.InvariantCulture),
            ["Vmms:BootDuration"] = "00:00:00.050",
            ["Vmms:WatcherPeriod"] = "01:00:00",
            ["Specs:EnabledFamilies"] = "Falcon",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.UseOrleans(silo => silo.UseControlPlaneConfiguration(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);

        await CreateAsync(grains, "warm", 50, start: true);
        await UntilRunningAsync(50);
        var rows = new List<(string Phase, long Heap, string Activations)>();
        async Task Measure(string phase)
        {
            var stats = await management.GetSimpleGrainStatistics();
            var activations = string.Join(", ", stats.GroupBy(s => ShortName(s.GrainType)).Select(g => (g.Key, Count: g.Sum(s => s.ActivationCount)))
                .Where(g => g.Count >= n / 2).OrderByDescending(g => g.Count).Select(g => $"{g.Key} {g.Count:N0}"));
            rows.Add((phase, Heap(), activations));
            Console.Error.WriteLine($"{phase}: heap {rows[^1].Heap / 1048576.0:0.0} MiB; {activations}");
        }

        await Measure("baseline (50 running)");
        await CreateAsync(grains, "vm", n, start: false);
        await Measure($"+ {n:N0} created, stopped");
        var started = Stopwatch.GetTimestamp();
        var ids = await CreateAsync(grains, "run", n, start: true);
        await UntilRunningAsync(n + 50);
        Console.Error.WriteLine($"{n} running after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        await Measure($"+ {n:N0} created and running");
        // Orleans collects idle activations each quantum (1 minute) once older than their type's age: the realistic idle state.
        var idleWait = IdleActivationCollection.PersistedOnlyAge + TimeSpan.FromMinutes(1.5);
        Console.Error.WriteLine($"waiting {idleWait} for idle collection");
        await Task.Delay(idleWait);
        await Measure($"idle {idleWait.TotalMinutes:0.#} min (configured collection ages)");
        await management.ForceActivationCollection(TimeSpan.Zero);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Measure("every idle activation forced out (not a real state; sled VMMs stay, their state is only in memory)");

        Console.WriteLine($"Managed heap after a full GC, one silo as the embedded default, N = {n:N0} per step (1 CPU / 256 MiB each):");
        Console.WriteLine();
        Console.WriteLine("| phase | heap MiB | delta B per instance | activations (types with at least N/2) |");
        Console.WriteLine("|---|---:|---:|---|");
        for (var i = 0; i < rows.Count; i++)
        {
            var delta = i == 0 ? "" : ((rows[i].Heap - rows[i - 1].Heap) / (double)n).ToString("N0", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {rows[i].Phase} | {rows[i].Heap / 1048576.0:0.0} | {delta} | {rows[i].Activations} |"));
        }

        _ = ids;
        await host.StopAsync();
        return 0;
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string ShortName(string grainType) => grainType.Split(',')[0].Split('.')[^1];

    private static async Task<List<Guid>> CreateAsync(IGrainFactory grains, string prefix, int n, bool start)
    {
        var ids = Enumerable.Range(0, n).Select(_ => Guid.NewGuid()).ToList();
        var next = -1;
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < n)
            {
                var name = $"{prefix}-{i}";
                await grains.GetGrain<IInstanceGrain>(ids[i]).Create(new InstanceCreateRequest
                {
                    Name = name,
                    Start = start,
                    AutoRestartPolicy = AutoRestartPolicy.BestEffort,
                    Spec = new InstanceSpecSource.Simple(new SimpleInstanceRequest { Name = name, Ncpus = 1, MemoryMib = 256 }),
                });
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(Worker)));
        return ids;
    }

    /// <summary>Polls the silo's own census (this process hosts it) until <paramref name="expected"/> instances run.</summary>
    private static async Task UntilRunningAsync(int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(20);
        while (ControlPlaneMetrics.CountInstances(ControlPlaneMetrics.Instances.Snapshot(), ControlPlaneMetrics.Vmms)
            .Single(m => m.Tags.ToArray().Any(t => Equals(t.Value, "running"))).Value < expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("instances never all ran");
            }

            await Task.Delay(500);
        }
    }
}
