using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ControlPlane.Runtime;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Testing;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Benchmarks.Runtime.CrossSilo;

/// <summary>
/// <c>dotnet run -c Release --project tests/Benchmarks -- cross-silo</c>: the latency percentiles and throughput of
/// one call over each path, from raw loopback TCP up to the external client through a gateway, printed as one
/// markdown table. A two-silo <see cref="TestCluster"/> gives silo 0 the role "silo0" and silo 1 the role "silo1",
/// so a <see cref="IRolePingGrain"/> keyed "...+silo1" is guaranteed to run on silo 1 (checked before measuring).
/// Each path runs with one caller (unloaded latency) and with <see cref="ConcurrentCallers"/> callers (throughput),
/// each concurrent caller on its own grain or socket.
/// </summary>
public static class CrossSiloBenchmark
{
    public const string Command = "cross-silo";

    private const int ConcurrentCallers = 16;
    private const int SequentialCalls = 5_000;
    private const int ConcurrentCallsPerCaller = 1_000;
    private const int WarmupCalls = 1_000;

    public static async Task<int> RunAsync()
    {
        var rows = new List<LatencySample>();

        Console.Error.WriteLine("raw loopback TCP (64-byte echo)");
        await using (var echo = new LoopbackEchoServer())
        {
            var sockets = new Socket[ConcurrentCallers];
            var buffers = new byte[ConcurrentCallers][];
            for (var i = 0; i < ConcurrentCallers; i++)
            {
                sockets[i] = await echo.ConnectAsync();
                buffers[i] = new byte[LoopbackEchoServer.MessageBytes];
            }

            Task RoundTrip(int caller) => LoopbackEchoServer.RoundTripAsync(sockets[caller], buffers[caller]);
            await MeasureBothAsync(rows, "raw loopback TCP round trip (64 B)", RoundTrip);
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }

        Console.Error.WriteLine("starting a 2-silo TestCluster");
        var silo = 0;
        var builder = new TestClusterBuilder(2);
        builder.Options.MinimumLogLevel = LogLevel.Error;
        builder.Options.LeaseDuration = TimeSpan.FromSeconds(30); // a busy 2-core machine must not lose leases mid-run
        builder.AddSiloBuilderConfigurator(siloBuilder =>
        {
            var role = "silo" + (silo++).ToString(CultureInfo.InvariantCulture);
            siloBuilder.Configure<ClusterMembershipOptions>(o => o.Roles.Add(role));
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        var siloA = cluster.Silos[0].Silo;
        var siloB = cluster.Silos[1].Silo;

        var local = Grains(siloA.Client, "silo0");
        var remote = Grains(siloA.Client, "silo1");
        var external = Grains(cluster.Client, "silo1");
        await CheckPlacementAsync(local, siloA, "silo0");
        await CheckPlacementAsync(remote, siloB, "silo1");

        Console.Error.WriteLine("same-silo grain call");
        await MeasureBothAsync(rows, "same-silo grain call (co-hosted client on A, grain on A)", caller => local[caller].Ping(caller));
        Console.Error.WriteLine("cross-silo grain call");
        await MeasureBothAsync(rows, "cross-silo grain call (co-hosted client on A, grain on B)", caller => remote[caller].Ping(caller));
        Console.Error.WriteLine("external client through a gateway");
        await MeasureBothAsync(rows, "external client via gateway (cluster.Client, grain on B)", caller => external[caller].Ping(caller));

        Console.WriteLine(FormatTable(rows));
        return 0;
    }

    private static IRolePingGrain[] Grains(IGrainFactory factory, string role) =>
        [.. Enumerable.Range(0, ConcurrentCallers).Select(i => factory.GetGrain<IRolePingGrain>($"caller{i}+{role}"))];

    private static async Task CheckPlacementAsync(IRolePingGrain[] grains, Silo expected, string role)
    {
        foreach (var grain in grains)
        {
            await grain.Ping(0);
        }

        var placed = expected.ActiveGrainIds.Count(g => g.Key.EndsWith("+" + role, StringComparison.Ordinal));
        if (placed != grains.Length)
        {
            throw new InvalidOperationException($"Expected {grains.Length} grains with role {role} on {expected.Address}, found {placed}.");
        }
    }

    private static async Task MeasureBothAsync(List<LatencySample> rows, string scenario, Func<int, Task> call)
    {
        rows.Add(await LatencyHarness.MeasureAsync($"{scenario}, 1 caller", 1, SequentialCalls, WarmupCalls, call));
        rows.Add(await LatencyHarness.MeasureAsync($"{scenario}, {ConcurrentCallers} callers", ConcurrentCallers, ConcurrentCallsPerCaller, WarmupCalls / 10, call));
    }

    private static string FormatTable(IEnumerable<LatencySample> rows)
    {
        var table = new StringBuilder();
        table.AppendLine("| scenario | calls | p50 us | p99 us | calls/s |");
        table.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Scenario} | {row.Calls} | {row.PercentileMicroseconds(50):F0} | {row.PercentileMicroseconds(99):F0} | {row.CallsPerSecond:F0} |");
        }

        return table.ToString();
    }
}
