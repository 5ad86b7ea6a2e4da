using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Vmms;
using Xunit;
using Xunit.Abstractions;
using V1 = ControlPlane.Grains.Abstractions.Vmms.V1;
using V2 = ControlPlane.Grains.Abstractions.Vmms.V2;

namespace ControlPlane.Grains.Tests.Vmms;

public sealed class MigrationAndDoorbellTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public async Task Migration_success_moves_the_instance_to_the_target_and_reaps_the_source()
    {
        await using var c = await VmmCluster.StartAsync();
        var view = await c.RunningInstance("web");
        var source = view.ActiveVmmId!.Value;
        var dst = view.SledId == VmmCluster.SledA ? VmmCluster.SledB : VmmCluster.SledA;
        var migrating = await c.Instance(view.Id).Migrate(new InstanceMigrateRequest { DstSledId = dst });
        Assert.Equal(InstanceRunState.Migrating, migrating.RunState);
        var target = migrating.TargetVmmId!.Value;
        await Assert.ThrowsAsync<InstanceTransitionNotAllowedException>(() => c.Instance(view.Id).Migrate(new InstanceMigrateRequest { DstSledId = dst }));

        var done = await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Running && v.MigrationId is null, "migrated");
        Assert.Equal(target, done.ActiveVmmId);
        Assert.Equal(dst, done.SledId);
        var targetVmm = await c.VmmOf(target);
        Assert.Equal(NexusVmmState.Running, targetVmm.State);
        Assert.Equal(V1.MigrationState.Completed, targetVmm.MigrationIn!.State);
        var sourceVmm = await c.UntilVmm(source, v => v.Deleted, "source reaped");
        Assert.Equal(NexusVmmState.Destroyed, sourceVmm.State);
        Assert.Equal(V1.MigrationState.Completed, sourceVmm.MigrationOut!.State);
        var inventory = c.Client.GetGrain<ISledInventoryGrain>(0);
        await c.Until(async () => (await inventory.Get(view.SledId!.Value)).UsedCpus == 0, "source reservation released");
        Assert.Equal(2, (await inventory.Get(dst)).UsedCpus);
    }

    [Fact]
    public async Task Migration_failure_reported_by_the_target_keeps_the_instance_on_the_source()
    {
        await using var c = await VmmCluster.StartAsync((nameof(VmmOptions.MigrationDuration), TimeSpan.FromHours(1)));
        var view = await c.RunningInstance("web");
        var dst = view.SledId == VmmCluster.SledA ? VmmCluster.SledB : VmmCluster.SledA;
        var migrating = await c.Instance(view.Id).Migrate(new InstanceMigrateRequest { DstSledId = dst });
        var target = migrating.TargetVmmId!.Value;
        await c.Until(async () => (await c.SledVmm(dst, target).GetStateV2())?.MigrationIn?.State == V1.MigrationState.InProgress, "migration in progress");
        await c.SledVmm(dst, target).InjectFault(VmmFault.MigrationFails);
        var after = await c.UntilInstance(view.Id, v => v.MigrationId is null && v.RunState == InstanceRunState.Running, "migration over");
        Assert.Equal(view.ActiveVmmId, after.ActiveVmmId);
        Assert.Null(after.TargetVmmId);
        var targetVmm = await c.UntilVmm(target, v => v.Deleted, "target released");
        Assert.NotEqual(V1.MigrationState.Completed, targetVmm.MigrationIn!.State); // released once either side failed
        var sourceVmm = await c.UntilVmm(view.ActiveVmmId!.Value, v => v.MigrationOut?.State == V1.MigrationState.Failed && v.State == NexusVmmState.Running, "source back to running");
        Assert.False(sourceVmm.Deleted);
        Assert.Null((await c.Instance(view.Id).GetMigration())); // cleared: a new migration would be allowed
    }

    [Fact]
    public async Task A_target_that_vanishes_mid_migration_leaves_the_source_running_and_the_instance_on_it()
    {
        // The chaos test's stuck case: the target goes away without a word (its silo killed, or unregistered by an
        // unwinding saga) while the source is migrating out; the source must notice and run on.
        await using var c = await VmmCluster.StartAsync((nameof(VmmOptions.MigrationDuration), TimeSpan.FromHours(1)));
        var view = await c.RunningInstance("web");
        var source = view.ActiveVmmId!.Value;
        var dst = view.SledId == VmmCluster.SledA ? VmmCluster.SledB : VmmCluster.SledA;
        var migrating = await c.Instance(view.Id).Migrate(new InstanceMigrateRequest { DstSledId = dst });
        var target = migrating.TargetVmmId!.Value;
        await c.Until(async () => (await c.SledVmm(view.SledId!.Value, source).GetStateV2())?.MigrationOut?.State == V1.MigrationState.InProgress, "source migrating out");
        await c.SledVmm(dst, target).InjectFault(VmmFault.Vanish);

        await c.Until(async () => (await c.SledVmm(view.SledId!.Value, source).GetStateV2())?.VmmState.State == V1.VmmState.Running, "source running again on its sled");
        Assert.Equal(V1.MigrationState.Failed, (await c.SledVmm(view.SledId!.Value, source).GetStateV2())!.MigrationOut!.State);
        var after = await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Running && v.MigrationId is null && v.TargetVmmId is null, "instance running on its source");
        Assert.Equal(source, after.ActiveVmmId);
        var inventory = c.Client.GetGrain<ISledInventoryGrain>(0);
        await c.Until(async () => (await inventory.Get(dst)).UsedCpus == 0, "target reservation released");
    }

    [Fact]
    public async Task Source_failing_mid_migration_fails_the_instance_and_unlinks_the_target()
    {
        await using var c = await VmmCluster.StartAsync((nameof(VmmOptions.MigrationDuration), TimeSpan.FromHours(1)));
        var view = await c.RunningInstance("web", AutoRestartPolicy.Never);
        var dst = view.SledId == VmmCluster.SledA ? VmmCluster.SledB : VmmCluster.SledA;
        var migrating = await c.Instance(view.Id).Migrate(new InstanceMigrateRequest { DstSledId = dst });
        await c.UntilVmm(view.ActiveVmmId!.Value, v => v.MigrationOut?.State == V1.MigrationState.InProgress, "migration running");
        await c.SledVmm(view.SledId!.Value, view.ActiveVmmId!.Value).InjectFault(VmmFault.ProcessCrash);
        var failed = await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Failed, "failed");
        Assert.Null(failed.TargetVmmId);
        Assert.Null(failed.MigrationId);
        var source = await c.VmmOf(view.ActiveVmmId!.Value);
        Assert.Equal(NexusVmmState.Failed, source.State);
        Assert.Equal(V1.MigrationState.Failed, source.MigrationOut!.State);
        Assert.True((await c.VmmOf(migrating.TargetVmmId!.Value)).Deleted);
        Assert.Null(await c.SledVmm(dst, migrating.TargetVmmId!.Value).GetStateV2()); // unregistered from its sled
    }

    [Fact]
    public async Task A_lost_doorbell_is_recovered_by_the_next_watcher_pass()
    {
        await using var c = await VmmCluster.StartAsync();
        var view = await c.RunningInstance("web");
        var vmmId = view.ActiveVmmId!.Value;
        var sled = c.SledVmm(view.SledId!.Value, vmmId);
        await sled.InjectFault(VmmFault.DropDoorbells);
        await sled.InjectFault(VmmFault.GuestShutdown);
        await c.Until(async () => (await sled.GetStateV2())?.VmmState.State == V1.VmmState.Destroyed, "destroyed on the sled");
        Assert.Equal(NexusVmmState.Running, (await c.VmmOf(vmmId)).State); // no doorbell arrived

        var report = await c.Client.GetGrain<IInstanceWatcherShardsGrain>(0).RunPasses();
        Assert.Equal(1, report.Applied);
        Assert.Equal(NexusVmmState.Destroyed, (await c.VmmOf(vmmId)).State);
        var stopped = await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Stopped, "stopped");
        Assert.Equal(InstanceIntent.GuestShutdown, stopped.Intent);
    }

    [Fact]
    public async Task Duplicate_stale_and_equal_generation_states_are_no_ops()
    {
        await using var c = await VmmCluster.StartAsync();
        var view = await c.RunningInstance("web");
        var vmm = c.Vmm(view.ActiveVmmId!.Value);
        static V2.SledVmmState S(V1.VmmState state, long gen) => new() { VmmState = new V2.VmmRuntimeState { State = state, Gen = new Generation(gen), TimeUpdated = Now } };

        Assert.True((await vmm.Apply(S(V1.VmmState.Running, 5))).VmmUpdated);
        Assert.False((await vmm.Apply(S(V1.VmmState.Running, 5))).VmmUpdated);      // duplicate
        Assert.False((await vmm.Apply(S(V1.VmmState.Stopping, 4))).VmmUpdated);     // out of order
        Assert.True((await vmm.Apply(S(V1.VmmState.Running, 8))).VmmUpdated);       // gap 6,7 coalesced
        var failed = await vmm.MarkFailed(VmmFailureReason.NoSuchInstance);          // Nexus writes failed/9
        Assert.Equal(9, failed.Vmm.Generation.Value);
        Assert.False((await vmm.Apply(S(V1.VmmState.Stopping, 9))).VmmUpdated);     // equal-generation collision dropped
        var stored = await c.VmmOf(view.ActiveVmmId!.Value);
        Assert.Equal(NexusVmmState.Failed, stored.State);
        Assert.Equal(9, stored.Generation.Value);
        // Dual writer: a later sled state with a higher generation overwrites Nexus's failed (until soft-deleted).
        Assert.True((await vmm.Apply(S(V1.VmmState.Destroyed, 10))).VmmUpdated);
    }

    [Fact]
    public async Task The_legacy_upcall_ignores_its_body_and_pulls_instead()
    {
        await using var c = await VmmCluster.StartAsync();
        var view = await c.RunningInstance("web");
        var vmmId = view.ActiveVmmId!.Value;
        var lie = new V1.SledVmmState { VmmState = new V1.VmmRuntimeState { State = V1.VmmState.Destroyed, Gen = new Generation(1000), TimeUpdated = Now } };
        await c.Vmm(vmmId).PutLegacy(lie);
        await c.Until(async () => (await c.Vmm(vmmId).GetDoorbellStats()) is { Pulls: > 0, Busy: false }, "pulled");
        var stored = await c.VmmOf(vmmId);
        Assert.Equal(NexusVmmState.Running, stored.State);
        Assert.Equal(3, stored.Generation.Value);
    }

    [Fact]
    public async Task An_older_sled_is_pulled_at_version_1_and_loses_only_the_failure_reason()
    {
        await using var c = await VmmCluster.StartAsync((nameof(VmmOptions.SledMaxApiVersion), 1));
        var view = await c.RunningInstance("web", AutoRestartPolicy.Never);
        await c.SledVmm(view.SledId!.Value, view.ActiveVmmId!.Value).InjectFault(VmmFault.ProcessCrash);
        await c.UntilInstance(view.Id, v => v.RunState == InstanceRunState.Failed, "failed");
        var vmm = await c.VmmOf(view.ActiveVmmId!.Value);
        Assert.Equal(VmmFailureReason.FromSledAgent, vmm.FailureReason);
        Assert.Null(vmm.FailureMessage);
    }

    [Fact]
    public async Task A_burst_of_ten_thousand_doorbells_never_pulls_more_often_than_it_rang_and_converges()
    {
        await using var c = await VmmCluster.StartAsync();
        var view = await c.RunningInstance("web");
        var vmm = c.Vmm(view.ActiveVmmId!.Value);
        var before = await vmm.GetDoorbellStats();
        await Task.WhenAll(Enumerable.Range(0, 10_000).Select(_ => vmm.Ring()));
        await c.Until(async () => !(await vmm.GetDoorbellStats()).Busy, "idle");
        var after = await vmm.GetDoorbellStats();
        var doorbells = after.Doorbells - before.Doorbells;
        var pulls = after.Pulls - before.Pulls;
        output.WriteLine($"10,000 doorbells -> {pulls} pulls (max follow-ups owed at once: {after.MaxPendingFollowUps})");
        Assert.Equal(10_000, doorbells);
        // How many rings land during a pull depends on how fast Orleans delivers them against how fast a pull ends (on an
        // idle machine most coalesce; under load a ring can find every pull finished). What the grain guarantees is that
        // a pull is only ever owed to a ring (PureCoreTests pins the coalescing rule itself: 1,001 rings -> 2 pulls).
        Assert.InRange(pulls, 1, doorbells);
        var sled = await c.SledVmm(view.SledId!.Value, view.ActiveVmmId!.Value).GetStateV2();
        var nexus = (await vmm.Get())!;
        Assert.Equal(NexusVmmState.Running, nexus.State);
        Assert.Equal(sled!.VmmState.Gen, nexus.Generation);
    }
}
