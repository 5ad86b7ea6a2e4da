using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Tests.Vmms;
using ControlPlane.Grains.Vmms;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Testing;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ControlPlane.Grains.Tests.Instances;

/// <summary>
/// Three silos over TCP, as in a real deployment: one for Nexus-side grains only, and one per sled. Killing a sled's
/// silo is the only way to lose a sled here, and only the membership table's verdict counts as evidence.
/// </summary>
public sealed class SledFailureTests
{
    [Fact]
    public async Task A_sleds_silo_killed_fails_its_vmm_with_sled_off_and_the_instance_restarts_on_the_other_sled()
    {
        var siloIndex = -1;
        var cluster = new TestClusterBuilder(3)
            .AddSiloBuilderConfigurator(silo =>
            {
                // silo 0 hosts Nexus-side grains only; silos 1 and 2 host one sled each
                var index = Interlocked.Increment(ref siloIndex);
                Guid[] sleds = index switch { 0 => [], 1 => [VmmCluster.SledA], _ => [VmmCluster.SledB] };
                VmmCluster.ConfigureSilo(silo, sleds, o =>
                {
                    o.DoorbellRetryMaxDelay = TimeSpan.FromMilliseconds(200);
                    o.WatcherPeriod = TimeSpan.FromMilliseconds(300);
                });
            })
            .Build();
        await cluster.DeployAsync();
        await using var _ = cluster;
        var client = cluster.Client;
        var inventory = client.GetGrain<ISledInventoryGrain>(0);
        await Until(async () =>
        {
            try
            {
                return (await inventory.List()).Count == 2;
            }
            catch (Exception ex) when (ex is Runtime.SiloUnavailableException or TimeoutException or Runtime.GrainCallRejectedException)
            {
                return false;
            }
        }, "both sleds announced");

        var id = Guid.NewGuid();
        await client.GetGrain<IInstanceGrain>(id).Create(VmmCluster.Request("web"));
        var running = await UntilInstance(client, id, v => v.RunState == InstanceRunState.Running, "running");
        var firstSled = running.SledId!.Value;
        var firstVmm = running.ActiveVmmId!.Value;
        var otherSled = firstSled == VmmCluster.SledA ? VmmCluster.SledB : VmmCluster.SledA;

        var sledSilo = cluster.Silos[firstSled == VmmCluster.SledA ? 1 : 2];
        await cluster.KillSiloAsync(sledSilo);

        // The watcher sees the sled's silo declared dead: the VMM fails with sled_off, and best_effort restarts the instance elsewhere.
        var restarted = await UntilInstance(client, id, v => v.RunState == InstanceRunState.Running && v.ActiveVmmId != firstVmm, "running again on the other sled");
        Assert.Equal(otherSled, restarted.SledId);
        var failed = await client.GetGrain<IVmmGrain>(firstVmm).Get();
        Assert.NotNull(failed);
        Assert.Equal(NexusVmmState.Failed, failed.State);
        Assert.Equal(VmmFailureReason.SledOff, failed.FailureReason);
        var sleds = await inventory.List();
        Assert.False(sleds.Single(s => s.Id == firstSled).Reachable);
    }

    private static async Task<InstanceView> UntilInstance(Runtime.IClusterClient client, Guid id, Func<InstanceView, bool> condition, string what)
    {
        InstanceView? last = null;
        await Until(async () =>
        {
            try
            {
                last = await client.GetGrain<IInstanceGrain>(id).Find();
            }
            catch (Exception ex) when (ex is Runtime.SiloUnavailableException or TimeoutException or Runtime.GrainCallRejectedException)
            {
                return false; // the cluster is changing; ask again
            }

            return last is not null && condition(last);
        }, what, () => $"last: {last}");
        return last!;
    }

    /// <summary>Polls; the bound only turns a hang into a failure.</summary>
    private static async Task Until(Func<Task<bool>> condition, string what, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Never became {what}. {describe?.Invoke()}");
            }

            await Task.Delay(20);
        }
    }
}
