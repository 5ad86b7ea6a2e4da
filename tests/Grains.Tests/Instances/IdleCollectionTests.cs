using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Diagnostics;
using ControlPlane.Grains.Tests.Vmms;
using ControlPlane.Grains.Vmms;
using Orleans;
using Orleans.Runtime;
using Xunit;

namespace ControlPlane.Grains.Tests.Instances;

/// <summary>
/// Idle activations collected (as <see cref="ControlPlane.Grains.Hosting.IdleActivationCollection"/> does early for name claims,
/// reservations and instances) lose nothing: the name stays taken, the instance keeps running and stays counted, and a
/// restart waiting out its cooldown still happens, read back from storage by new activations.
/// </summary>
public sealed class IdleCollectionTests
{
    [Fact]
    public async Task A_name_claim_collected_while_idle_still_refuses_a_second_instance_of_that_name()
    {
        await using var c = await VmmCluster.StartAsync();
        var first = await c.RunningInstance("web");
        var before = await ActivationCount(c, "InstanceNameGrain");
        Assert.True(before >= 1);

        await c.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await c.Until(async () => await ActivationCount(c, "InstanceNameGrain") == 0, "name claims collected");

        await Assert.ThrowsAsync<InstanceNameInUseException>(() => c.Instance(Guid.NewGuid()).Create(VmmCluster.Request("web")));
        Assert.Equal(InstanceRunState.Running, (await c.Instance(first.Id).Find())!.RunState);
    }

    [Fact]
    public async Task An_instance_collected_while_idle_stays_counted_and_answers_from_its_record()
    {
        await using var c = await VmmCluster.StartAsync();
        var running = await c.RunningInstance("idle");

        await c.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await c.Until(async () => await ActivationCount(c, "InstanceGrain") == 0, "instances collected");

        Assert.NotNull(await c.SledVmm(running.SledId!.Value, running.ActiveVmmId!.Value).GetStateV2()); // the sled's memory is never collected
        Assert.True(ControlPlaneMetrics.Instances.TryGet(running.Id, out var counted), "the collected instance left the census");
        Assert.Equal(InstanceRunState.Running, counted.RunState(null));
        var view = await c.Instance(running.Id).Get();
        Assert.Equal((InstanceRunState.Running, running.ActiveVmmId), (view.RunState, view.ActiveVmmId));
    }

    [Fact]
    public async Task A_restart_waiting_out_its_cooldown_keeps_the_instance_from_being_collected()
    {
        await using var c = await VmmCluster.StartAsync((nameof(VmmOptions.AutoRestartCooldown), TimeSpan.FromSeconds(4)));
        var view = await c.RunningInstance("phoenix");
        await c.SledVmm(view.SledId!.Value, view.ActiveVmmId!.Value).InjectFault(VmmFault.ProcessCrash);
        var restarted = await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Running && v.ActiveVmmId != view.ActiveVmmId, "restarted once");
        await c.SledVmm(restarted.SledId!.Value, restarted.ActiveVmmId!.Value).InjectFault(VmmFault.ProcessCrash);
        await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Failed, "failed within the cooldown");

        // Nothing calls a failed, released instance: only its own pending timer restarts it once the cooldown is over.
        await c.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(1, await ActivationCount(c, "InstanceGrain"));
        var again = await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Running && v.ActiveVmmId != restarted.ActiveVmmId, "restarted after the cooldown");
        Assert.True(again.TimeLastAutoRestarted > restarted.TimeLastAutoRestarted);
    }

    private static async Task<int> ActivationCount(VmmCluster c, string grainClass) =>
        (await c.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Split(',')[0].EndsWith("." + grainClass, StringComparison.Ordinal)).Sum(s => s.ActivationCount);
}
