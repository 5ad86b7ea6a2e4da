using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Tests.Grains;
using Xunit;
using Xunit.Abstractions;

namespace ControlPlane.Runtime.Tests.Cluster;

/// <summary>Several silos over loopback TCP on the embedded (in-memory) backend.</summary>
public sealed class InMemoryClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Calls_cross_silos_and_gateways_and_grain_references_travel_between_silos()
    {
        var (cluster, _) = await ClusterScenarios.StartAsync(3);
        await using var _ = cluster;
        await ClusterScenarios.Calls_cross_silos_and_gateways_and_references_travel(cluster);
    }

    [Fact]
    public async Task A_hundred_concurrent_first_calls_from_three_silos_make_exactly_one_activation()
    {
        var (cluster, log) = await ClusterScenarios.StartAsync(3);
        await using var _ = cluster;
        await ClusterScenarios.A_hundred_concurrent_first_calls_from_three_silos_make_one_activation(cluster, log, 4242);
    }

    [Fact]
    public async Task A_killed_silos_grains_answer_on_another_silo_with_their_acknowledged_state()
    {
        var (cluster, _) = await ClusterScenarios.StartAsync(3);
        await using var _ = cluster;
        await ClusterScenarios.A_killed_silos_grains_answer_elsewhere_with_their_acknowledged_state(cluster, output.WriteLine);
    }

    [Fact]
    public async Task A_killed_silo_is_declared_dead_by_the_others_and_a_restart_joins_as_a_new_generation()
    {
        var (cluster, _) = await ClusterScenarios.StartAsync(3);
        await using var _ = cluster;
        var victim = cluster.Silos[2];
        await cluster.KillSiloAsync(victim);
        await cluster.WaitForLivenessToStabilizeAsync();

        foreach (var silo in cluster.Silos)
        {
            Assert.Equal(SiloLifecycleStatus.Dead, silo.Silo.MembershipView.Find(victim.Address)!.Status);
        }

        var restarted = await cluster.StartSiloLikeAsync(victim);
        await cluster.WaitForLivenessToStabilizeAsync();
        Assert.Equal(victim.Name, restarted.Name);
        Assert.NotEqual(victim.Address, restarted.Address);
        Assert.Equal(SiloLifecycleStatus.Dead, restarted.Silo.MembershipView.Find(victim.Address)!.Status); // Dead stays Dead
        Assert.False(await cluster.InMemory!.Membership.RenewLeaseAsync(victim.Address, TimeSpan.FromSeconds(10), CancellationToken.None));
    }

    [Fact]
    public async Task A_graceful_stop_deactivates_its_grains_releases_their_entries_and_leaves_the_membership()
    {
        var (cluster, log) = await ClusterScenarios.StartAsync(2);
        await using var _ = cluster;
        var leaving = cluster.Silos[1];
        var keys = new List<long>();
        for (long key = 1; keys.Count < 3 && key < 200; key++)
        {
            var grain = cluster.Client.GetGrain<IDurableCounterGrain>(key);
            await grain.Add(key);
            if (await grain.WhereAmI() == leaving.Silo.Address.ToString())
            {
                keys.Add(key);
            }
        }

        Assert.NotEmpty(keys);
        await cluster.StopSiloAsync(leaving);

        foreach (var key in keys)
        {
            Assert.Contains($"deactivate:{key}:ShuttingDown", log.Events);
            Assert.Null(await cluster.InMemory!.Directory.LookupAsync(new GrainId("durablecounter", key.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None));
            // The client may still hold its connection to the stopped silo's gateway for a moment: a read through it
            // fails as "unknown", so read until the client has moved on.
            var grain = cluster.Client.GetGrain<IDurableCounterGrain>(key);
            Assert.Equal(key, (await ClusterScenarios.EventuallyAsync(grain.Get)).Value); // state kept, now on the remaining silo
            Assert.Equal(cluster.Silos[0].Silo.Address.ToString(), await grain.WhereAmI());
        }

        var row = (await cluster.InMemory!.Membership.ReadAllAsync(CancellationToken.None)).Find(leaving.Address);
        Assert.Equal(SiloLifecycleStatus.Dead, row!.Status);
    }

    [Fact]
    public async Task Silo_role_grains_run_only_on_their_silo_fail_fast_without_it_and_never_move()
    {
        var siloIndex = 0;
        var (cluster, _) = await ClusterScenarios.StartAsync(2, builder => builder.AddSiloBuilderConfigurator(silo =>
        {
            var role = "sled-" + Interlocked.Increment(ref siloIndex).ToString(System.Globalization.CultureInfo.InvariantCulture);
            silo.Configure<ClusterMembershipOptions>(o => o.Roles.Add(role));
        }));
        await using var _ = cluster;
        var sled1Silo = cluster.Silos.Single(s => s.Silo.MembershipView.Find(s.Silo.Address)!.Roles.Contains("sled-1"));
        var grain = cluster.Client.GetGrain<IRoleBoundGrain>("sled-1");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(sled1Silo.Silo.Address.ToString(), await grain.WhereAmI());
        }

        var nobody = await Assert.ThrowsAsync<NoSiloForRoleException>(() => cluster.Client.GetGrain<IRoleBoundGrain>("sled-9").WhereAmI());
        Assert.Contains("sled-9", nobody.Message, StringComparison.Ordinal);

        await cluster.KillSiloAsync(sled1Silo);
        await cluster.WaitForLivenessToStabilizeAsync();
        var gone = await Assert.ThrowsAsync<NoSiloForRoleException>(() => grain.WhereAmI());
        Assert.Contains("sled-1", gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prefer_local_grains_activate_on_the_calling_silo()
    {
        var (cluster, _) = await ClusterScenarios.StartAsync(3);
        await using var _ = cluster;
        for (var i = 0; i < 3; i++)
        {
            var silo = cluster.Silos[i].Silo;
            var grain = silo.Client.GetGrain<ILocalCounterGrain>(700 + i);
            Assert.Equal(silo.Address.ToString(), await grain.WhereAmI());
        }
    }

    [Fact]
    public async Task A_client_fails_over_to_another_gateway_when_its_gateway_dies()
    {
        var (cluster, _) = await ClusterScenarios.StartAsync(3);
        await using var _ = cluster;
        var grain = cluster.Client.GetGrain<IDurableCounterGrain>(31337);
        await grain.Add(1);
        foreach (var silo in cluster.Silos.Skip(1).ToList())
        {
            await cluster.KillSiloAsync(silo);
        }

        // Whichever gateway the grain was pinned to may be gone; the client moves on and the state is still there.
        var (value, _) = await ClusterScenarios.EventuallyAsync(grain.Get);
        Assert.Equal(1, value);
    }
}
