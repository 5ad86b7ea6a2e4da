using System.Globalization;
using ControlPlane.Failover.Tests.History;
using ControlPlane.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace ControlPlane.Failover.Tests;

/// <summary>
/// 60 s of chaos: one silo process at a time is killed at random and restarted, while workers create, start, stop,
/// migrate and delete instances and a sampler reads every instance and VMM. Afterwards the cluster is left to settle
/// and <see cref="HistoryChecker"/> judges the recorded history. The seed is printed; FAILOVER_SEED replays a choice
/// of victims and operations (the interleaving itself is never reproducible).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ChaosTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    [PostgresFact]
    public async Task Random_silo_kills_under_load_lose_no_acknowledged_write_and_leave_consistent_vmms_and_sleds()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FAILOVER_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next(1, 100_000);
        output.WriteLine($"seed {seed}");
        await using var cluster = await FailoverCluster.StartAsync(await postgres.Server.CreateDatabaseAsync());
        var workload = new Workload(cluster.Client, workers: 4, seed);
        var kills = new List<string>();

        using var stop = new CancellationTokenSource(Duration);
        var load = workload.RunAsync(Duration);
        var chaos = Chaos(cluster, new Random(seed), kills, stop.Token);
        await Task.WhenAll(load, chaos);
        output.WriteLine($"kills: {string.Join(", ", kills)}");

        await cluster.UntilSledsReachable(Grains.Testing.TestSleds.A, Grains.Testing.TestSleds.B);
        var final = await workload.UntilQuiet();
        output.WriteLine(workload.Summary());
        output.WriteLine(Workload.Describe(final));

        var history = workload.History.Operations;
        Assert.NotEmpty(kills);
        Assert.Contains(history, o => o.Kind == OperationKind.Create && o.Outcome == OutcomeKind.Ok);
        workload.AssertConsistent(final, output.WriteLine);
    }

    /// <summary>Kills one random silo, restarts it, and again, until told to stop; every silo runs again at the end.</summary>
    private async Task Chaos(FailoverCluster cluster, Random random, List<string> kills, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Pace(random.Next(2_000, 5_000), stop);
            if (stop.IsCancellationRequested)
            {
                break;
            }

            var victim = FailoverCluster.SiloName(random.Next(3));
            await cluster.Kill(victim);
            kills.Add(victim);
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} killed {victim}");
            await Pace(random.Next(500, 4_000), stop);
            await cluster.Restart(victim);
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} restarted {victim}");
        }
    }

    /// <summary>Spaces the kills out (the scenario's rhythm, not a wait for a condition).</summary>
    private static async Task Pace(int milliseconds, CancellationToken stop)
    {
        try
        {
            await Task.Delay(milliseconds, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
