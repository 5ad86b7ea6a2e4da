using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace ControlPlane.Benchmarks.Runtime.CrossSilo;

/// <summary>
/// <c>dotnet run -c Release --project tests/Benchmarks -- cross-silo</c>: the latency percentiles and throughput of
/// one call over each path, from raw loopback TCP up to the external client through a gateway, printed as one
/// markdown table. A two-silo Orleans <see cref="TestCluster"/> on the TCP transport; a <see cref="INamedSiloPingGrain"/>
/// keyed "...@Secondary_1" is placed on the silo of that name (checked before measuring).
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

        Console.Error.WriteLine("starting a 2-silo TestCluster (TCP transport)");
        var builder = new TestClusterBuilder(2);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket; // the default in-memory transport is not comparable
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<PingSiloConfigurator>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        var siloA = (InProcessSiloHandle)cluster.Silos[0];
        var siloB = (InProcessSiloHandle)cluster.Silos[1];
        var hostedOnA = siloA.ServiceProvider.GetRequiredService<IGrainFactory>();

        var local = Grains(hostedOnA, siloA.Name);
        var remote = Grains(hostedOnA, siloB.Name);
        var external = Grains(cluster.Client, siloB.Name);
        await CheckPlacementAsync(local, siloA);
        await CheckPlacementAsync(remote, siloB);
        await CheckPlacementAsync(external, siloB);

        Console.Error.WriteLine("same-silo grain call");
        await MeasureBothAsync(rows, "same-silo grain call (co-hosted client on A, grain on A)", caller => local[caller].Ping(caller));
        Console.Error.WriteLine("cross-silo grain call");
        await MeasureBothAsync(rows, "cross-silo grain call (co-hosted client on A, grain on B)", caller => remote[caller].Ping(caller));
        Console.Error.WriteLine("external client through a gateway");
        await MeasureBothAsync(rows, "external client via gateway (cluster.Client, grain on B)", caller => external[caller].Ping(caller));

        Console.WriteLine(FormatTable(rows));
        return 0;
    }

    private static INamedSiloPingGrain[] Grains(IGrainFactory factory, string siloName) =>
        [.. Enumerable.Range(0, ConcurrentCallers).Select(i => factory.GetGrain<INamedSiloPingGrain>($"caller{i}@{siloName}"))];

    private static async Task CheckPlacementAsync(INamedSiloPingGrain[] grains, SiloHandle expected)
    {
        foreach (var grain in grains)
        {
            var where = await grain.Where();
            if (where != expected.SiloAddress.ToString() && where != expected.SiloAddress.ToParsableString())
            {
                throw new InvalidOperationException($"Grain {grain.GetPrimaryKeyString()} runs on {where}, expected {expected.Name} ({expected.SiloAddress}).");
            }
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

/// <summary>Registers the ping grain's placement director in each TestCluster silo.</summary>
public sealed class PingSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) =>
        siloBuilder.AddPlacementDirector<NamedSiloPlacementStrategy, NamedSiloPlacementDirector>();
}
