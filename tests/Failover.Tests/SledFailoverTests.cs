using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Testing;
using ControlPlane.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace ControlPlane.Failover.Tests;

/// <summary>
/// A sled's silo process killed: membership declares it dead, the watcher's pull then fails with the placement
/// director's "no live silo hosts this sled" (the only evidence that counts), the VMM fails with sled_off, and the
/// best-effort instance restarts on the other sled; the inventory reports the sled unreachable until its silo is back.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SledFailoverTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Killing_a_sleds_silo_fails_its_vmms_with_sled_off_and_restarts_the_instances_on_the_other_sled()
    {
        await using var cluster = await FailoverCluster.StartAsync(await postgres.Server.CreateDatabaseAsync());
        var client = cluster.Client;
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var before = new Dictionary<Guid, InstanceView>();
        foreach (var id in ids)
        {
            await client.GetGrain<IInstanceGrain>(id).Create(Workload.Request($"sled-{id:N}"));
        }

        foreach (var id in ids)
        {
            before[id] = await Poll.UntilValue(() => client.GetGrain<IInstanceGrain>(id).Get(), v => v.RunState == InstanceRunState.Running, $"{id} running");
        }

        // Kill the silo of the sled that runs the first instance; every instance there must move.
        var doomedSled = before[ids[0]].SledId!.Value;
        var otherSled = doomedSled == TestSleds.A ? TestSleds.B : TestSleds.A;
        var doomedSilo = FailoverCluster.SiloName(doomedSled == TestSleds.A ? 1 : 2);
        var onDoomed = ids.Where(id => before[id].SledId == doomedSled).ToList();
        output.WriteLine($"killing {doomedSilo} (sled {doomedSled}); instances there: {onDoomed.Count} of {ids.Length}");
        await cluster.Kill(doomedSilo);

        foreach (var id in onDoomed)
        {
            var failedVmm = before[id].ActiveVmmId!.Value;
            var restarted = await Poll.UntilValue(
                () => client.GetGrain<IInstanceGrain>(id).Get(),
                v => v.RunState == InstanceRunState.Running && v.ActiveVmmId != failedVmm,
                $"{id} running again on a new VMM");
            Assert.Equal(otherSled, restarted.SledId);
            Assert.True(restarted.Generation > before[id].Generation);

            var vmm = await client.GetGrain<IVmmGrain>(failedVmm).Get();
            Assert.NotNull(vmm);
            Assert.Equal(NexusVmmState.Failed, vmm.State);
            Assert.Equal(VmmFailureReason.SledOff, vmm.FailureReason);
        }

        // Instances on the surviving sled were not disturbed.
        foreach (var id in ids.Except(onDoomed))
        {
            var view = await client.GetGrain<IInstanceGrain>(id).Get();
            Assert.Equal(before[id].ActiveVmmId, view.ActiveVmmId);
            Assert.Equal(InstanceRunState.Running, view.RunState);
        }

        var sleds = await Poll.UntilValue(() => cluster.Inventory.List(), l => l.Any(s => s.Id == doomedSled && !s.Reachable), "the killed sled reported unreachable");
        Assert.True(sleds.Single(s => s.Id == otherSled).Reachable);
        Assert.Equal(doomedSilo, sleds.Single(s => s.Id == doomedSled).HostingSilo);

        // Its reservations went with the failed VMMs: the dead sled holds nothing, the other holds every instance.
        Assert.Equal(0, sleds.Single(s => s.Id == doomedSled).UsedCpus);
        Assert.Equal(ids.Length, sleds.Single(s => s.Id == otherSled).UsedCpus);

        // The sled comes back with its silo.
        await cluster.Restart(doomedSilo);
        await cluster.UntilSledsReachable(doomedSled);
    }
}
