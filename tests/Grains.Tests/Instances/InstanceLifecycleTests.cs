using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Tests.Vmms;
using ControlPlane.Grains.Vmms;
using Xunit;

namespace ControlPlane.Grains.Tests.Instances;

public sealed class InstanceLifecycleTests
{
    [Fact]
    public async Task Start_happy_path_reaches_running_with_sled_owned_generations()
    {
        await using var c = await VmmCluster.StartAsync();
        var view = await c.RunningInstance("web");
        var vmm = await c.VmmOf(view.ActiveVmmId!.Value);
        Assert.Equal(NexusVmmState.Running, vmm.State);
        Assert.Equal(3, vmm.Generation.Value); // registered starting/2, booted running/3
        Assert.Equal(InstanceIntent.Running, view.Intent);
        var sled = await c.Client.GetGrain<ISledInventoryGrain>(0).Get(view.SledId!.Value);
        Assert.Equal(2, sled.UsedCpus);
    }

    [Fact]
    public async Task User_stop_ends_stopped_releases_the_sled_and_is_not_restarted()
    {
        await using var c = await VmmCluster.StartAsync();
        var view = await c.RunningInstance("web");
        var vmmId = view.ActiveVmmId!.Value;
        await c.Instance(view.Id).Stop();
        var stopped = await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Stopped, "stopped");
        Assert.Equal(InstanceIntent.Stopped, stopped.Intent);
        Assert.Null(stopped.ActiveVmmId);
        var vmm = await c.VmmOf(vmmId);
        Assert.Equal(NexusVmmState.Destroyed, vmm.State);
        Assert.True(vmm.Deleted);
        Assert.Equal(0, (await c.Client.GetGrain<ISledInventoryGrain>(0).Get(view.SledId!.Value)).UsedCpus);
        // The sled forgot the VMM only after Nexus had it.
        Assert.Null(await c.SledVmm(view.SledId!.Value, vmmId).GetStateV2());
    }

    [Fact]
    public async Task Stop_that_never_completes_is_forced_destroyed_and_the_instance_stops_not_fails()
    {
        await using var c = await VmmCluster.StartAsync((nameof(VmmOptions.StopGraceTimeout), TimeSpan.FromMilliseconds(100)));
        var view = await c.RunningInstance("web");
        await c.SledVmm(view.SledId!.Value, view.ActiveVmmId!.Value).InjectFault(VmmFault.StopHangs);
        await c.Instance(view.Id).Stop();
        var stopped = await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Stopped, "stopped");
        Assert.Equal(InstanceIntent.Stopped, stopped.Intent);
        Assert.Equal(NexusVmmState.Destroyed, (await c.VmmOf(view.ActiveVmmId!.Value)).State);
    }

    [Fact]
    public async Task Guest_shutdown_stops_the_instance_with_intent_guest_shutdown()
    {
        await using var c = await VmmCluster.StartAsync();
        var view = await c.RunningInstance("web");
        await c.SledVmm(view.SledId!.Value, view.ActiveVmmId!.Value).InjectFault(VmmFault.GuestShutdown);
        var stopped = await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Stopped, "stopped");
        Assert.Equal(InstanceIntent.GuestShutdown, stopped.Intent);
        Assert.Null(stopped.ActiveVmmId);
    }

    [Fact]
    public async Task Stop_on_a_vmm_the_sled_forgot_fails_the_instance_and_it_is_not_restarted()
    {
        await using var c = await VmmCluster.StartAsync();
        var view = await c.RunningInstance("web");
        var vmmId = view.ActiveVmmId!.Value;
        await c.SledVmm(view.SledId!.Value, vmmId).InjectFault(VmmFault.Vanish);
        await Assert.ThrowsAsync<InstanceUnreachableException>(() => c.Instance(view.Id).Stop());
        var failed = await c.Instance(view.Id).Get();
        Assert.Equal(InstanceRunState.Failed, failed.RunState);
        Assert.Equal(InstanceIntent.Stopped, failed.Intent);
        var vmm = await c.VmmOf(vmmId);
        Assert.Equal(NexusVmmState.Failed, vmm.State);
        Assert.Equal(VmmFailureReason.NoSuchInstance, vmm.FailureReason);
        Assert.Equal(4, vmm.Generation.Value); // Nexus's own write: stored 3 + 1
        // Stop of a failed instance without VMM writes no_vmm directly; then delete is allowed.
        Assert.Equal(InstanceRunState.Stopped, (await c.Instance(view.Id).Stop()).RunState);
        await c.Instance(view.Id).Delete();
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => c.Instance(view.Id).Get());
        Assert.Equal(InstanceRunState.Destroyed, (await c.Instance(view.Id).Find())!.RunState);
    }

    [Fact]
    public async Task Watcher_finding_no_such_vmm_fails_it_and_auto_restart_starts_a_new_vmm()
    {
        await using var c = await VmmCluster.StartAsync();
        var view = await c.RunningInstance("web");
        var oldVmm = view.ActiveVmmId!.Value;
        await c.SledVmm(view.SledId!.Value, oldVmm).InjectFault(VmmFault.Vanish);
        var report = await c.Client.GetGrain<IInstanceWatcherShardsGrain>(0).RunPasses();
        Assert.Equal(1, report.MarkedFailed);
        var failedVmm = await c.VmmOf(oldVmm);
        Assert.Equal(NexusVmmState.Failed, failedVmm.State);
        Assert.Equal(VmmFailureReason.NoSuchInstance, failedVmm.FailureReason);
        var restarted = await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Running && v.ActiveVmmId != oldVmm, "restarted");
        Assert.NotNull(restarted.TimeLastAutoRestarted);
        Assert.Equal(InstanceIntent.Running, restarted.Intent);
    }

    [Fact]
    public async Task With_policy_never_a_failed_instance_stays_failed()
    {
        await using var c = await VmmCluster.StartAsync();
        var view = await c.RunningInstance("web", AutoRestartPolicy.Never);
        await c.SledVmm(view.SledId!.Value, view.ActiveVmmId!.Value).InjectFault(VmmFault.ProcessCrash);
        var failed = await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Failed, "failed");
        Assert.Null(failed.ActiveVmmId);
        var vmm = await c.VmmOf(view.ActiveVmmId!.Value);
        Assert.Equal(VmmFailureReason.FromSledAgent, vmm.FailureReason);
        Assert.Equal("propolis process exited unexpectedly", vmm.FailureMessage); // only visible through v2
        Assert.Equal(InstanceRunState.Failed, (await c.Instance(view.Id).Reconcile()).RunState);
    }

    [Fact]
    public async Task Within_the_cooldown_a_failed_instance_stays_failed()
    {
        await using var c = await VmmCluster.StartAsync((nameof(VmmOptions.AutoRestartCooldown), TimeSpan.FromHours(1)));
        var view = await c.RunningInstance("web");
        await c.SledVmm(view.SledId!.Value, view.ActiveVmmId!.Value).InjectFault(VmmFault.ProcessCrash);
        var restarted = await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Running && v.ActiveVmmId != view.ActiveVmmId, "restarted once");
        await c.SledVmm(restarted.SledId!.Value, restarted.ActiveVmmId!.Value).InjectFault(VmmFault.ProcessCrash);
        var failed = await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Failed, "failed again");
        Assert.Equal(InstanceRunState.Failed, (await c.Instance(view.Id).Reconcile()).RunState);
        Assert.Equal(restarted.TimeLastAutoRestarted, failed.TimeLastAutoRestarted);
    }

    [Fact]
    public async Task Reboot_goes_through_rebooting_back_to_running_without_touching_the_instance_record()
    {
        // A reboot long enough that "rebooting" is still what a loaded machine reads right after the request.
        await using var c = await VmmCluster.StartAsync((nameof(VmmOptions.RebootDuration), TimeSpan.FromSeconds(3)));
        var view = await c.RunningInstance("web");
        var vmmId = view.ActiveVmmId!.Value;
        var rebooting = await c.Instance(view.Id).Reboot();
        Assert.Equal(InstanceRunState.Rebooting, rebooting.RunState);
        Assert.Equal(NexusVmmState.Rebooting, (await c.VmmOf(vmmId)).State);
        await c.UntilVmm(vmmId, v => v.State == NexusVmmState.Running, "running again");
        var after = await c.Instance(view.Id).Get();
        Assert.Equal(InstanceRunState.Running, after.RunState);
        Assert.Equal(vmmId, after.ActiveVmmId);
        Assert.Equal(5, (await c.VmmOf(vmmId)).Generation.Value);
    }

    [Fact]
    public async Task Operations_refused_in_the_wrong_state_say_why()
    {
        await using var c = await VmmCluster.StartAsync((nameof(VmmOptions.StopGraceTimeout), TimeSpan.FromHours(1)));
        var stoppedId = Guid.NewGuid();
        await c.Instance(stoppedId).Create(VmmCluster.Request("cold", start: false));
        await Assert.ThrowsAsync<InvalidInstanceRequestException>(() => c.Instance(stoppedId).Reboot());
        await Assert.ThrowsAsync<InvalidInstanceRequestException>(() => c.Instance(stoppedId).Migrate(new InstanceMigrateRequest { DstSledId = VmmCluster.SledB }));

        var running = await c.RunningInstance("hot");
        await Assert.ThrowsAsync<InstanceTransitionNotAllowedException>(() => c.Instance(running.Id).Delete());
        await c.SledVmm(running.SledId!.Value, running.ActiveVmmId!.Value).InjectFault(VmmFault.StopHangs);
        Assert.Equal(InstanceRunState.Stopping, (await c.Instance(running.Id).Stop()).RunState);
        var conflict = await Assert.ThrowsAsync<InstanceTransitionNotAllowedException>(() => c.Instance(running.Id).Start());
        Assert.Contains("while it is stopping", conflict.Message, StringComparison.Ordinal); // only type and message cross silos
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => c.Instance(Guid.NewGuid()).Start());
        await Assert.ThrowsAsync<InstanceNameInUseException>(() => c.Instance(Guid.NewGuid()).Create(VmmCluster.Request("hot")));
    }

    [Fact]
    public async Task An_invalid_spec_is_refused_with_the_parsers_typed_errors()
    {
        await using var c = await VmmCluster.StartAsync();
        var error = await Assert.ThrowsAsync<InvalidInstanceSpecException>(() => c.Instance(Guid.NewGuid()).Create(new InstanceCreateRequest
        {
            Name = "bad",
            Spec = new InstanceSpecSource.Wire("""{"board":{"cpus":0}}""", 3),
        }));
        Assert.NotEmpty(error.Errors);
    }

    [Fact]
    public async Task No_sled_with_capacity_is_a_typed_error_and_leaves_the_instance_failed_to_start()
    {
        await using var c = await VmmCluster.StartAsync(2);
        await c.RunningInstance("one");
        await c.RunningInstance("two");
        var id = Guid.NewGuid();
        await Assert.ThrowsAsync<NoSledCapacityException>(() => c.Instance(id).Create(VmmCluster.Request("three")));
        Assert.Equal(InstanceRunState.Stopped, (await c.Instance(id).Get()).RunState);
    }
}
