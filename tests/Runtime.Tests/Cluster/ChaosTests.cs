using System.Diagnostics;
using ControlPlane.Runtime.Testing;
using ControlPlane.Runtime.Tests.Grains;
using ControlPlane.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace ControlPlane.Runtime.Tests.Cluster;

/// <summary>
/// A counter workload on four silos over PostgreSQL while silos are killed and restarted for 30 seconds; afterwards a
/// history checker proves no acknowledged increment was lost and none was applied twice.
/// </summary>
public sealed class ChaosTests(PostgresFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan ChaosDuration = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task Killing_and_restarting_silos_under_load_loses_no_acknowledged_increment_and_applies_none_twice()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync();
        var (cluster, _) = await ClusterScenarios.StartAsync(4, builder =>
        {
            builder.UsePostgres(connectionString);
            builder.Options.LeaseDuration = TimeSpan.FromSeconds(3);
            builder.Options.ResponseTimeout = TimeSpan.FromSeconds(5);
        });
        await using var _ = cluster;
        var history = new CounterHistory();
        const int counters = 16;
        using var stop = new CancellationTokenSource();
        var random = new Random(20261121);
        var seeds = Enumerable.Range(0, 6).Select(_ => random.Next()).ToArray();

        var workers = seeds.Select(seed => Task.Run(async () =>
        {
            var local = new Random(seed);
            while (!stop.IsCancellationRequested)
            {
                var key = (long)local.Next(1, counters + 1);
                try
                {
                    await cluster.Client.GetGrain<IDurableCounterGrain>(key).Add(1);
                    history.Acknowledged(key, 1);
                }
                catch (Exception ex)
                {
                    history.Unknown(key, 1, ex);
                    await Task.Delay(20);
                }
            }
        })).ToList();

        var clock = Stopwatch.StartNew();
        var kills = 0;
        while (clock.Elapsed < ChaosDuration)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(2_000, 4_000)));
            var victim = cluster.Silos[random.Next(cluster.Silos.Count)];
            await cluster.KillSiloAsync(victim);
            kills++;
            output.WriteLine($"{clock.Elapsed.TotalSeconds,5:F1} s: killed {victim} ({history.TotalAcknowledged} acknowledged, {history.TotalUnknown} unknown so far)");
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 1_500)));
            // A supervisor restarts the process; on a loaded machine a start can fail (a database command timing out), so it retries.
            var (restarted, _) = await ClusterScenarios.EventuallyAsync(() => cluster.StartSiloLikeAsync(victim));
            output.WriteLine($"{clock.Elapsed.TotalSeconds,5:F1} s: restarted as {restarted}");
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);
        await cluster.WaitForLivenessToStabilizeAsync();

        var finals = new Dictionary<long, long>();
        for (long key = 1; key <= counters; key++)
        {
            var grain = cluster.Client.GetGrain<IDurableCounterGrain>(key);
            finals[key] = (await ClusterScenarios.EventuallyAsync(grain.Get)).Value;
        }

        output.WriteLine($"{kills} kills in {clock.Elapsed.TotalSeconds:F0} s; {history.TotalAcknowledged} acknowledged, {history.TotalUnknown} unknown, final sum {finals.Values.Sum()}");
        output.WriteLine("failures: " + string.Join(", ", history.FailuresByType.Select(f => $"{f.Key} {f.Value}")));
        Assert.True(kills >= 5, $"only {kills} kills happened");
        Assert.True(history.TotalAcknowledged > 100, $"the workload made too little progress ({history.TotalAcknowledged} acknowledged)");
        Assert.Empty(history.Violations(finals));
    }
}
