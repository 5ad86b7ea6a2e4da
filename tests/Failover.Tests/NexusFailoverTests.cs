using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.TestSupport;
using Orleans;
using Orleans.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace ControlPlane.Failover.Tests;

/// <summary>
/// The silo holding Nexus-side activations (InstanceGrain, VmmGrain) killed: those grains answer from another silo with
/// exactly the state they had, read back from PostgreSQL. Any silo may be the victim: with PostgreSQL membership no silo
/// is special (TestCluster's "primary" exists only with its test membership).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NexusFailoverTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Killing_the_silo_of_instance_and_vmm_grains_brings_them_back_elsewhere_with_their_state()
    {
        await using var cluster = await FailoverCluster.StartAsync(await postgres.Server.CreateDatabaseAsync());
        var client = cluster.Client;
        var ids = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            await client.GetGrain<IInstanceGrain>(id).Create(Workload.Request($"nexus-{id:N}"));
        }

        var instances = new Dictionary<Guid, InstanceView>();
        foreach (var id in ids)
        {
            instances[id] = await Poll.UntilValue(() => client.GetGrain<IInstanceGrain>(id).Get(), v => v.RunState == InstanceRunState.Running, $"{id} running");
        }

        // Where does each grain live? Pick the silo holding the most grains of instances whose sled it does not host
        // (killing a sled's silo is the other test); prefer silo 0, TestCluster's would-be primary.
        var hosts = new Dictionary<GrainId, string?>();
        foreach (var id in ids)
        {
            hosts[client.GetGrain<IInstanceGrain>(id).GetGrainId()] = (await cluster.HostOf(client.GetGrain<IInstanceGrain>(id)))?.Name;
            hosts[client.GetGrain<IVmmGrain>(instances[id].ActiveVmmId!.Value).GetGrainId()] = (await cluster.HostOf(client.GetGrain<IVmmGrain>(instances[id].ActiveVmmId!.Value)))?.Name;
        }

        string? victim = null;
        var best = 0;
        for (var silo = 0; silo < 3; silo++)
        {
            var name = FailoverCluster.SiloName(silo);
            var count = Movable(name).Count;
            if (count > best)
            {
                (victim, best) = (name, count);
            }
        }

        Assert.True(victim is not null, "no silo holds a Nexus-side grain of an instance on another silo's sled");
        var moving = Movable(victim);
        var vmmsBefore = new Dictionary<Guid, VmmView>();
        foreach (var id in ids)
        {
            vmmsBefore[id] = (await client.GetGrain<IVmmGrain>(instances[id].ActiveVmmId!.Value).Get())!;
        }

        output.WriteLine($"killing {victim}: it holds {moving.Count} grains: {string.Join(", ", moving)}");
        var killed = cluster.Silo(victim).SiloAddress;
        await cluster.Kill(victim);

        foreach (var id in ids.Where(id => FailoverCluster.DefaultSled(int.Parse(victim["Secondary_".Length..], System.Globalization.CultureInfo.InvariantCulture)) != instances[id].SledId))
        {
            var instance = client.GetGrain<IInstanceGrain>(id);
            var vmm = client.GetGrain<IVmmGrain>(instances[id].ActiveVmmId!.Value);
            var after = await Poll.UntilValue(() => instance.Get(), _ => true, $"{id} answering");
            Assert.Equal(instances[id], after);
            Assert.Equal(vmmsBefore[id], await vmm.Get());
            foreach (var grain in new IAddressable[] { instance, vmm }.Where(g => moving.Contains(g.GetGrainId())))
            {
                var host = await cluster.HostOf(grain);
                Assert.NotNull(host);
                Assert.NotEqual(killed, host.SiloAddress);
            }
        }

        List<GrainId> Movable(string silo)
        {
            var sled = FailoverCluster.DefaultSled(int.Parse(silo["Secondary_".Length..], System.Globalization.CultureInfo.InvariantCulture));
            return [.. ids.Where(id => instances[id].SledId != sled)
                .SelectMany(id => new[] { client.GetGrain<IInstanceGrain>(id).GetGrainId(), client.GetGrain<IVmmGrain>(instances[id].ActiveVmmId!.Value).GetGrainId() })
                .Where(g => hosts[g] == silo)];
        }
    }
}
