using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Testing;
using ControlPlane.Runtime.Tests.Grains;
using ControlPlane.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace ControlPlane.Runtime.Tests.Cluster;

/// <summary>Several silos over loopback TCP with membership, directory and grain state in a real PostgreSQL.</summary>
public sealed class PostgresClusterTests(PostgresFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private async Task<(TestCluster Cluster, ProbeLog Log)> StartAsync(int silos, TimeSpan? lease = null)
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync();
        return await ClusterScenarios.StartAsync(silos, builder =>
        {
            builder.UsePostgres(connectionString);
            builder.Options.LeaseDuration = lease ?? builder.Options.LeaseDuration;
        });
    }

    [PostgresFact]
    public async Task Calls_cross_silos_and_gateways_and_grain_references_travel_between_silos()
    {
        var (cluster, _) = await StartAsync(3);
        await using var _ = cluster;
        await ClusterScenarios.Calls_cross_silos_and_gateways_and_references_travel(cluster);
    }

    [PostgresFact]
    public async Task A_hundred_concurrent_first_calls_from_three_silos_make_exactly_one_activation()
    {
        var (cluster, log) = await StartAsync(3);
        await using var _ = cluster;
        await ClusterScenarios.A_hundred_concurrent_first_calls_from_three_silos_make_one_activation(cluster, log, 9001);
    }

    [PostgresFact]
    public async Task A_killed_silos_grains_answer_on_another_silo_with_their_last_acknowledged_state()
    {
        var (cluster, _) = await StartAsync(3, TimeSpan.FromSeconds(3));
        await using var _ = cluster;
        await ClusterScenarios.A_killed_silos_grains_answer_elsewhere_with_their_acknowledged_state(cluster, output.WriteLine);
    }

    [PostgresFact]
    public async Task A_silo_whose_lease_expired_cannot_commit_a_state_write_and_stops_serving()
    {
        var (cluster, _) = await StartAsync(2);
        await using var _ = cluster;
        var zombie = cluster.Silos[1];
        var grain = zombie.Silo.Client.GetGrain<ILocalCounterGrain>(77); // prefer-local: activates on the zombie-to-be
        Assert.Equal(zombie.Silo.Address.ToString(), await grain.WhereAmI());
        Assert.Equal(5, await grain.Add(5));

        // The silo stalls (as in a long pause or a partition): no renewals, no polling. The others see its lease run out.
        zombie.Silo.FreezeMembership();
        var table = cluster.Silos[0].Services.GetRequiredService<IMembershipTable>();
        await ClusterScenarios.EventuallyAsync(async () =>
        {
            var view = await table.ReadAllAsync(CancellationToken.None);
            var row = view.Find(zombie.Silo.Address)!;
            return row.Status == SiloLifecycleStatus.Dead || row.LeaseExpiresAt <= view.ReadAt ? true : throw new InvalidOperationException("lease still valid");
        });

        // Its activation still runs and still thinks it owns the grain, but the database refuses the write.
        var refused = await Assert.ThrowsAsync<ActivationFencedException>(() => grain.Add(1));
        output.WriteLine(refused.Message);

        // Once it runs again it learns it lost its lease, and stops serving.
        zombie.Silo.UnfreezeMembership();
        await ClusterScenarios.EventuallyAsync(() => zombie.Silo.Status == Hosting.SiloStatus.Dead ? Task.FromResult(true) : throw new InvalidOperationException("still serving"));
        await Assert.ThrowsAnyAsync<Exception>(() => zombie.Silo.Client.GetGrain<IDurableCounterGrain>(1).Get());

        // The grain answers elsewhere with the last acknowledged state: the refused write left no trace.
        var survivor = cluster.Silos[0].Silo.Client.GetGrain<ILocalCounterGrain>(77);
        var (value, _) = await ClusterScenarios.EventuallyAsync(() => survivor.Add(0));
        Assert.Equal(5, value);
        Assert.Equal(cluster.Silos[0].Silo.Address.ToString(), await survivor.WhereAmI());
    }
}
