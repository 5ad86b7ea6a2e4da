using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.V1;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Instances;
using ControlPlane.Grains.Vmms;
using ControlPlane.Grains.Vmms.Nexus;
using ControlPlane.Grains.Vmms.Sled;
using Xunit;
using V1 = ControlPlane.Grains.Abstractions.Vmms.V1;
using V2 = ControlPlane.Grains.Abstractions.Vmms.V2;
using V3 = ControlPlane.Grains.Abstractions.Specs.V6;

namespace ControlPlane.Grains.Tests.Vmms;

public sealed class PureCoreTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.UnixEpoch;
    private static readonly VmmOptions Timings = new();
    private static readonly V3.InstanceSpec Spec = new()
    {
        Board = new Board { Cpus = 1, MemoryMb = 512, Chipset = new I440Fx { EnablePcie = false } },
        Components = ComponentMap<V3.IComponent>.Empty,
    };

    private static SledVmm Registered(V1.VmmState state = V1.VmmState.Starting, Guid? migrationId = null) => SledVmmMachine.Register(new VmmRegistration
    {
        InstanceId = Guid.NewGuid(),
        Spec = Spec,
        VmmRuntime = new V2.VmmRuntimeState { State = state, Gen = new Generation(2), TimeUpdated = T },
        MigrationId = migrationId,
    }, T);

    private static SledVmm Step(SledVmm vmm, SledVmmEvent e) => SledVmmMachine.Apply(vmm, e, T, Timings).Vmm;

    [Fact]
    public void Start_request_is_a_no_op_until_propolis_boots_then_every_observation_bumps_the_generation()
    {
        var vmm = Registered();
        var requested = SledVmmMachine.Apply(vmm, new SledVmmEvent.Requested(new VmmStateRequested.Running()), T, Timings);
        Assert.False(requested.Changed);
        Assert.Equal(2, requested.Vmm.Runtime.Gen.Value);
        Assert.IsType<SledVmmEvent.BootCompleted>(Assert.Single(requested.Scheduled).Event);
        var running = Step(requested.Vmm, new SledVmmEvent.BootCompleted());
        Assert.Equal((V1.VmmState.Running, 3L), (running.Runtime.State, running.Runtime.Gen.Value));
        var stopping = Step(running, new SledVmmEvent.Requested(new VmmStateRequested.Stopped()));
        var observedStopped = Step(stopping, new SledVmmEvent.PropolisStopped());
        // Propolis Stopped maps to stopping; the generation still moves.
        Assert.Equal((V1.VmmState.Stopping, 5L), (observedStopped.Runtime.State, observedStopped.Runtime.Gen.Value));
        Assert.Equal((V1.VmmState.Destroyed, 6L), (Step(observedStopped, new SledVmmEvent.RundownCompleted()).Runtime.State, Step(observedStopped, new SledVmmEvent.RundownCompleted()).Runtime.Gen.Value));
    }

    [Fact]
    public void Stop_before_any_zone_exists_forces_destroyed_and_reboot_needs_a_running_vmm()
    {
        Assert.Equal(V1.VmmState.Destroyed, Step(Registered(), new SledVmmEvent.Requested(new VmmStateRequested.Stopped())).Runtime.State);
        Assert.NotNull(SledVmmMachine.Apply(Registered(), new SledVmmEvent.Requested(new VmmStateRequested.Reboot()), T, Timings).Refusal);
    }

    [Fact]
    public void Migration_sides_have_their_own_generations_and_a_halt_fails_unfinished_sides()
    {
        var migrationId = Guid.NewGuid();
        var target = Registered(V1.VmmState.Migrating, migrationId);
        Assert.Equal((V1.MigrationState.Pending, 1L), (target.MigrationIn!.State, target.MigrationIn.Gen.Value));
        var started = SledVmmMachine.Apply(target, new SledVmmEvent.Requested(new VmmStateRequested.MigrationTarget(Guid.NewGuid(), Guid.NewGuid())), T, Timings);
        Assert.Equal((V1.MigrationState.InProgress, 2L), (started.Vmm.MigrationIn!.State, started.Vmm.MigrationIn.Gen.Value));
        Assert.IsType<SledVmmEvent.MigrationOutStarted>(started.ToSource!.Event);

        var source = Step(Step(Registered(), new SledVmmEvent.Requested(new VmmStateRequested.Running())), new SledVmmEvent.BootCompleted());
        var migratingOut = Step(source, new SledVmmEvent.MigrationOutStarted(migrationId));
        Assert.Equal((V1.MigrationState.InProgress, 2L), (migratingOut.MigrationOut!.State, migratingOut.MigrationOut.Gen.Value));
        var crashed = Step(migratingOut, new SledVmmEvent.Crashed("boom"));
        Assert.Equal(V1.VmmState.Failed, crashed.Runtime.State);
        Assert.Equal("boom", crashed.Runtime.FailureReason);
        Assert.Equal((V1.MigrationState.Failed, 3L), (crashed.MigrationOut!.State, crashed.MigrationOut.Gen.Value));
    }

    [Fact]
    public void A_migration_source_looks_at_its_target_and_runs_on_when_the_target_is_gone()
    {
        var migrationId = Guid.NewGuid();
        var target = new SledVmmAddress(Guid.NewGuid(), Guid.NewGuid());
        var running = Step(Step(Registered(), new SledVmmEvent.Requested(new VmmStateRequested.Running())), new SledVmmEvent.BootCompleted());
        var started = SledVmmMachine.Apply(running, new SledVmmEvent.MigrationOutStarted(migrationId, target), T, Timings);
        var check = Assert.Single(started.Scheduled);
        Assert.Equal(new SledVmmEvent.MigrationTargetCheckDue(migrationId), check.Event);
        Assert.Equal(Timings.MigrationTargetCheckPeriod, check.Delay);

        var due = SledVmmMachine.Apply(started.Vmm, check.Event, T, Timings);
        Assert.Equal(new MigrationTargetProbe(target, migrationId), due.ProbeTarget);
        Assert.False(due.Changed);

        // Still migrating: nothing changes and the target is looked at again.
        var alive = SledVmmMachine.Apply(started.Vmm, new SledVmmEvent.MigrationTargetObserved(migrationId, V1.MigrationState.InProgress), T, Timings);
        Assert.False(alive.Changed);
        Assert.Equal(new SledVmmEvent.MigrationTargetCheckDue(migrationId), Assert.Single(alive.Scheduled).Event);

        // Gone (its sled down, or unregistered by an unwinding saga): the migration fails and the source runs on.
        var gone = SledVmmMachine.Apply(started.Vmm, new SledVmmEvent.MigrationTargetObserved(migrationId, null), T, Timings);
        Assert.True(gone.Changed);
        Assert.Equal(V1.VmmState.Running, gone.Vmm.Runtime.State);
        Assert.Equal(V1.MigrationState.Failed, gone.Vmm.MigrationOut!.State);
        Assert.Null(SledVmmMachine.Apply(gone.Vmm, new SledVmmEvent.MigrationTargetCheckDue(migrationId), T, Timings).ProbeTarget);

        // Completed on the target (its own message lost): the source hands over as if told.
        var completed = SledVmmMachine.Apply(started.Vmm, new SledVmmEvent.MigrationTargetObserved(migrationId, V1.MigrationState.Completed), T, Timings);
        Assert.Equal((V1.VmmState.Stopping, V1.MigrationState.Completed), (completed.Vmm.Runtime.State, completed.Vmm.MigrationOut!.State));

        // An observation of another migration changes nothing.
        var stale = SledVmmMachine.Apply(started.Vmm, new SledVmmEvent.MigrationTargetObserved(Guid.NewGuid(), null), T, Timings);
        Assert.False(stale.Changed);
        Assert.Equal(V1.VmmState.Migrating, stale.Vmm.Runtime.State);
    }

    [Fact]
    public void Doorbells_during_a_pull_owe_exactly_one_follow_up()
    {
        var c = default(DoorbellCoalescer);
        (c, var first) = c.Ring();
        Assert.True(first);
        for (var i = 0; i < 1000; i++)
        {
            (c, var start) = c.Ring();
            Assert.False(start);
        }

        (c, var again) = c.PullFinished();
        Assert.True(again);
        (c, again) = c.PullFinished();
        Assert.False(again);
        Assert.Equal((1001L, 2L, 1), (c.Doorbells, c.Pulls, c.MaxPendingFollowUps));
    }

    [Fact]
    public void Update_rules_apply_only_strictly_newer_generations_and_flag_terminal_changes()
    {
        var vmm = VmmUpdateRules.Create(Guid.NewGuid(), new VmmInitialization { InstanceId = Guid.NewGuid(), SledId = Guid.NewGuid() }, T);
        V2.SledVmmState S(V1.VmmState s, long g) => new() { VmmState = new V2.VmmRuntimeState { State = s, Gen = new Generation(g), TimeUpdated = T } };
        var running = VmmUpdateRules.Apply(vmm, S(V1.VmmState.Running, 3));
        Assert.True(running.VmmUpdated);
        Assert.False(running.InstanceUpdateNeeded);
        Assert.False(VmmUpdateRules.Apply(running.Vmm, S(V1.VmmState.Destroyed, 3)).VmmUpdated);
        var destroyed = VmmUpdateRules.Apply(running.Vmm, S(V1.VmmState.Destroyed, 4));
        Assert.True(destroyed.InstanceUpdateNeeded);
        Assert.False(VmmUpdateRules.MarkFailed(destroyed.Vmm, VmmFailureReason.SledOff, T).VmmUpdated); // already terminal
        Assert.False(VmmUpdateRules.Apply(destroyed.Vmm with { Deleted = true }, S(V1.VmmState.Running, 9)).VmmUpdated);
    }

    [Fact]
    public void A_migration_side_of_another_migration_is_not_applied()
    {
        var mine = Guid.NewGuid();
        var vmm = VmmUpdateRules.Create(Guid.NewGuid(), new VmmInitialization { InstanceId = Guid.NewGuid(), SledId = Guid.NewGuid(), MigrationInId = mine }, T);
        var other = new V1.MigrationRuntimeState { MigrationId = Guid.NewGuid(), State = V1.MigrationState.Completed, Gen = new Generation(5), TimeUpdated = T };
        var result = VmmUpdateRules.Apply(vmm, new V2.SledVmmState { VmmState = new V2.VmmRuntimeState { State = V1.VmmState.Migrating, Gen = new Generation(2), TimeUpdated = T }, MigrationIn = other });
        Assert.False(result.MigrationInUpdated);
        Assert.Equal(mine, result.Vmm.MigrationIn!.MigrationId);
    }

    private static InstanceRecord Instance(InstanceNexusState state, Guid? active = null, InstanceIntent intent = InstanceIntent.Running) => new()
    {
        Id = Guid.NewGuid(),
        Name = "i",
        Spec = Spec,
        Ncpus = 1,
        MemoryMib = 512,
        State = state,
        Generation = new Generation(3),
        Intent = intent,
        ActiveVmmId = active,
        ActiveSledId = active is null ? null : Guid.NewGuid(),
        AutoRestartPolicy = AutoRestartPolicy.BestEffort,
        TimeStateUpdated = T,
    };

    private static VmmView Vmm(Guid id, NexusVmmState state) => new()
    {
        VmmId = id,
        InstanceId = Guid.NewGuid(),
        SledId = Guid.NewGuid(),
        State = state,
        Generation = new Generation(5),
        TimeUpdated = T,
    };

    [Theory]
    [InlineData(NexusVmmState.Creating, InstanceRunState.Starting)]
    [InlineData(NexusVmmState.Starting, InstanceRunState.Starting)]
    [InlineData(NexusVmmState.Running, InstanceRunState.Running)]
    [InlineData(NexusVmmState.Rebooting, InstanceRunState.Rebooting)]
    [InlineData(NexusVmmState.Migrating, InstanceRunState.Migrating)]
    [InlineData(NexusVmmState.Stopping, InstanceRunState.Stopping)]
    [InlineData(NexusVmmState.Destroyed, InstanceRunState.Stopping)]
    [InlineData(NexusVmmState.Failed, InstanceRunState.Stopping)]
    [InlineData(NexusVmmState.SagaUnwound, InstanceRunState.Failed)]
    public void Run_state_is_derived_from_the_active_vmm(NexusVmmState vmm, InstanceRunState expected)
    {
        var id = Guid.NewGuid();
        Assert.Equal(expected, InstanceRunStateDeriver.Derive(Instance(InstanceNexusState.Vmm, id), Vmm(id, vmm)));
    }

    [Fact]
    public void A_migration_id_shows_migrating_whatever_the_vmm_says()
    {
        var id = Guid.NewGuid();
        Assert.Equal(InstanceRunState.Migrating, InstanceRunStateDeriver.Derive(Instance(InstanceNexusState.Vmm, id) with { MigrationId = Guid.NewGuid() }, Vmm(id, NexusVmmState.Destroyed)));
    }

    [Fact]
    public void A_failed_active_vmm_fails_the_instance_and_a_destroyed_one_is_a_guest_shutdown()
    {
        var id = Guid.NewGuid();
        var failed = InstanceUpdatePlanner.Plan(Instance(InstanceNexusState.Vmm, id), new InstanceVmmFacts { Active = Vmm(id, NexusVmmState.Failed) }, T);
        Assert.Equal((InstanceNexusState.Failed, InstanceIntent.Running, 4L), (failed.Instance.State, failed.Instance.Intent, failed.Instance.Generation.Value));
        Assert.Equal(id, Assert.Single(failed.Releases).VmmId);
        var destroyed = InstanceUpdatePlanner.Plan(Instance(InstanceNexusState.Vmm, id), new InstanceVmmFacts { Active = Vmm(id, NexusVmmState.Destroyed) }, T);
        Assert.Equal((InstanceNexusState.NoVmm, InstanceIntent.GuestShutdown), (destroyed.Instance.State, destroyed.Instance.Intent));
        var userStop = InstanceUpdatePlanner.Plan(Instance(InstanceNexusState.Vmm, id, InstanceIntent.Stopped), new InstanceVmmFacts { Active = Vmm(id, NexusVmmState.Destroyed) }, T);
        Assert.Equal(InstanceIntent.Stopped, userStop.Instance.Intent);
        Assert.False(InstanceUpdatePlanner.Plan(Instance(InstanceNexusState.Vmm, id), new InstanceVmmFacts { Active = Vmm(id, NexusVmmState.Running) }, T).Changed);
    }

    [Fact]
    public void Only_the_source_completing_switches_the_active_vmm_but_keeps_the_migration()
    {
        var source = Guid.NewGuid();
        var target = Guid.NewGuid();
        var migrationId = Guid.NewGuid();
        var side = new V1.MigrationRuntimeState { MigrationId = migrationId, State = V1.MigrationState.Completed, Gen = new Generation(3), TimeUpdated = T };
        var instance = Instance(InstanceNexusState.Vmm, source) with { MigrationId = migrationId, TargetVmmId = target, TargetSledId = Guid.NewGuid() };
        var plan = InstanceUpdatePlanner.Plan(instance, new InstanceVmmFacts
        {
            Active = Vmm(source, NexusVmmState.Stopping) with { MigrationOut = side },
            Target = Vmm(target, NexusVmmState.Migrating) with { MigrationIn = side with { State = V1.MigrationState.InProgress } },
        }, T);
        Assert.Equal(target, plan.Instance.ActiveVmmId);
        Assert.Equal(migrationId, plan.Instance.MigrationId);
        Assert.Equal(source, Assert.Single(plan.Instance.AbandonedVmms).VmmId);
        Assert.Empty(plan.Releases);
        Assert.Equal(InstanceRunState.Migrating, InstanceRunStateDeriver.Derive(plan.Instance, null));
    }

    [Fact]
    public void Auto_restart_needs_best_effort_intent_running_a_failure_and_an_elapsed_cooldown()
    {
        var failed = Instance(InstanceNexusState.Failed);
        Assert.True(AutoRestartEvaluator.ShouldRestart(failed, null, T, TimeSpan.FromMinutes(5)));
        Assert.False(AutoRestartEvaluator.ShouldRestart(failed with { AutoRestartPolicy = AutoRestartPolicy.Never }, null, T, TimeSpan.FromMinutes(5)));
        Assert.False(AutoRestartEvaluator.ShouldRestart(failed with { Intent = InstanceIntent.Stopped }, null, T, TimeSpan.FromMinutes(5)));
        Assert.False(AutoRestartEvaluator.ShouldRestart(failed with { TimeLastAutoRestarted = T.AddMinutes(-1) }, null, T, TimeSpan.FromMinutes(5)));
        Assert.True(AutoRestartEvaluator.ShouldRestart(failed with { TimeLastAutoRestarted = T.AddMinutes(-6) }, null, T, TimeSpan.FromMinutes(5)));
        Assert.False(AutoRestartEvaluator.ShouldRestart(Instance(InstanceNexusState.NoVmm), null, T, TimeSpan.Zero));
    }

    [Fact]
    public void Command_rules_match_the_brief()
    {
        var id = Guid.NewGuid();
        var stopping = Instance(InstanceNexusState.Vmm, id);
        Assert.Equal(InstanceCommandAction.Conflict, InstanceCommandRules.Start(stopping, Vmm(id, NexusVmmState.Stopping)).Action);
        Assert.Equal(InstanceCommandAction.AlreadyDone, InstanceCommandRules.Start(stopping, Vmm(id, NexusVmmState.Running)).Action);
        Assert.Equal(InstanceCommandAction.Conflict, InstanceCommandRules.Delete(stopping, Vmm(id, NexusVmmState.Running)).Action);
        Assert.Equal(InstanceCommandAction.RecordOnly, InstanceCommandRules.Stop(Instance(InstanceNexusState.Failed), null).Action);
        Assert.Equal(InstanceCommandAction.Invalid, InstanceCommandRules.Reboot(Instance(InstanceNexusState.NoVmm), null).Action);
        Assert.Equal(InstanceCommandAction.Conflict, InstanceCommandRules.Migrate(stopping with { MigrationId = Guid.NewGuid() }, Vmm(id, NexusVmmState.Running), Guid.NewGuid()).Action);
        Assert.Equal(InstanceCommandAction.NotFound, InstanceCommandRules.Start(Instance(InstanceNexusState.Destroyed), null).Action);
    }
}
