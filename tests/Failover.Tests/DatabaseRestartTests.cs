using System.Diagnostics;
using ControlPlane.Failover.Tests.History;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.TestSupport;
using ControlPlane.TestSupport.Postgres;
using Orleans.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace ControlPlane.Failover.Tests;

/// <summary>
/// PostgreSQL (membership, grain state, reminders) stopped abruptly and started again in the middle of a run, with
/// its own throwaway server. No acknowledged state is lost, and the same silos, never restarted, take new work again.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task A_database_restart_mid_run_loses_no_acknowledged_state_and_the_cluster_recovers_by_itself()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var cluster = await FailoverCluster.StartAsync(await server.CreateDatabaseAsync());
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var silosBefore = (await management.GetHosts(onlyActive: true)).Keys.ToHashSet();

        var workload = new Workload(cluster.Client, workers: 3, seed: Random.Shared.Next(1, 100_000));
        var load = workload.RunAsync(TimeSpan.FromSeconds(30));

        // Some acknowledged work first, then the outage, until the workload has felt it, then the database again.
        await Poll.Until(() => Task.FromResult(workload.History.Operations.Count(o => o.Kind == OperationKind.Create && o.Outcome == OutcomeKind.Ok) >= 3), "three acknowledged creates");
        var clock = Stopwatch.StartNew();
        await server.StopAsync();
        output.WriteLine("database stopped");
        var stoppedAt = workload.History.Operations.Count;
        await Poll.Until(
            () => Task.FromResult(workload.History.Operations.Skip(stoppedAt).Count(o => o.Kind != OperationKind.ReadInstance && o.Kind != OperationKind.ReadVmm && o.Outcome != OutcomeKind.Ok) >= 3),
            "three writes failing while the database is down");
        await server.RestartStoppedAsync();
        output.WriteLine($"database started again after {clock.Elapsed}");
        await load;

        // New work succeeds on the same silos.
        var fresh = Guid.NewGuid();
        workload.Adopt(fresh);
        var created = await Poll.UntilValue(
            async () => await workload.History.Instance(99, OperationKind.Create, fresh, () => cluster.Client.GetGrain<IInstanceGrain>(fresh).Create(Workload.Request($"after-{fresh:N}"))),
            v => v is not null,
            "a create after the restart acknowledged");
        await Poll.Until(async () => (await cluster.Client.GetGrain<IInstanceGrain>(fresh).Get()).RunState == InstanceRunState.Running, "the new instance running");
        Assert.Equal(silosBefore, (await management.GetHosts(onlyActive: true)).Keys.ToHashSet());

        var final = await workload.UntilQuiet();
        output.WriteLine(workload.Summary());
        output.WriteLine(Workload.Describe(final));
        workload.AssertConsistent(final, output.WriteLine);
        Assert.NotNull(created);
    }
}
