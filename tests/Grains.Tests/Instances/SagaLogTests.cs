using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs.Simple;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Instances;
using ControlPlane.Grains.Instances.Sagas;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.V1;
using V3 = ControlPlane.Grains.Abstractions.Specs.V6;
using Xunit;

namespace ControlPlane.Grains.Tests.Instances;

/// <summary>The saga core without grains: which action comes next from what the log records, and what each step does to the record.</summary>
public sealed class SagaLogTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Saga_start_runs_its_steps_in_order_and_then_finishes()
    {
        var saga = InstanceSaga.Start(Guid.NewGuid(), InstanceNexusState.NoVmm);
        var done = new List<SagaStep>();
        while (SagaLog.Next(saga) is SagaAction.Do step)
        {
            done.Add(step.Step);
            saga = SagaLog.Succeeded(saga, step.Step == SagaStep.ReserveSled ? Guid.NewGuid() : null);
        }

        Assert.IsType<SagaAction.Finished>(SagaLog.Next(saga));
        Assert.Equal([SagaStep.ReserveSled, SagaStep.CreateVmmRecord, SagaStep.LinkActiveVmm, SagaStep.RegisterOnSled, SagaStep.EnsureRunning], done);
        Assert.NotNull(saga.SledId); // the reservation's outcome is in the log: later steps (and undos) are keyed by it
    }

    [Theory]
    [InlineData(0, new[] { SagaStep.ReserveSled })]
    [InlineData(1, new[] { SagaStep.CreateVmmRecord, SagaStep.ReserveSled })]
    [InlineData(3, new[] { SagaStep.RegisterOnSled, SagaStep.LinkActiveVmm, SagaStep.CreateVmmRecord, SagaStep.ReserveSled })]
    [InlineData(4, new[] { SagaStep.RegisterOnSled, SagaStep.LinkActiveVmm, SagaStep.CreateVmmRecord, SagaStep.ReserveSled })]
    public void Saga_start_failing_at_a_step_undoes_it_and_every_earlier_step_in_reverse(int failedAt, SagaStep[] undos)
    {
        var saga = Advance(InstanceSaga.Start(Guid.NewGuid(), InstanceNexusState.NoVmm), failedAt);
        saga = SagaLog.Failed(saga, "boom");
        Assert.Equal(undos, Unwind(ref saga));
        Assert.Equal("boom", Assert.IsType<SagaAction.Unwound>(SagaLog.Next(saga)).Reason);
    }

    [Fact]
    public void Saga_migrate_failing_at_the_last_step_skips_the_steps_without_undo()
    {
        var saga = SagaLog.Failed(Advance(Migrate(), 5), "target refused");
        Assert.Equal([SagaStep.RegisterOnSled, SagaStep.SetMigrationIds, SagaStep.CreateVmmRecord, SagaStep.ReserveSled], Unwind(ref saga));
    }

    [Fact]
    public void Saga_interrupted_start_unwinds_from_the_step_in_flight_but_stop_and_delete_resume_it()
    {
        var start = SagaLog.Interrupted(Advance(InstanceSaga.Start(Guid.NewGuid(), InstanceNexusState.NoVmm), 2));
        Assert.Equal(SagaPhase.Unwinding, start.Phase);
        Assert.Equal(new SagaAction.Undo(SagaStep.LinkActiveVmm, 2), SagaLog.Next(start)); // it may have been written unseen

        var stop = SagaLog.Interrupted(Advance(InstanceSaga.Stop(Guid.NewGuid(), Guid.NewGuid(), InstanceNexusState.Vmm), 1));
        Assert.Equal(new SagaAction.Do(SagaStep.RequestStop, 1), SagaLog.Next(stop));
        var delete = SagaLog.Interrupted(Advance(InstanceSaga.Delete(InstanceNexusState.NoVmm), 1));
        Assert.Equal(new SagaAction.Do(SagaStep.ReleaseName, 1), SagaLog.Next(delete));
        var reboot = SagaLog.Interrupted(InstanceSaga.Reboot(Guid.NewGuid(), Guid.NewGuid(), InstanceNexusState.Vmm));
        Assert.Equal(new SagaAction.Do(SagaStep.RequestReboot, 0), SagaLog.Next(reboot));
    }

    [Theory]
    [InlineData(SagaKind.Start, 5)]
    [InlineData(SagaKind.Migrate, 6)]
    [InlineData(SagaKind.Stop, 2)]
    [InlineData(SagaKind.Reboot, 1)]
    [InlineData(SagaKind.Delete, 2)]
    public void Saga_definitions_exist_for_every_kind_and_only_start_and_migrate_have_undos(SagaKind kind, int steps)
    {
        var definition = SagaDefinition.For(kind);
        Assert.Equal(steps, definition.Steps.Count);
        Assert.Equal(kind is SagaKind.Start or SagaKind.Migrate, definition.Steps.Any(s => s.HasUndo));
        Assert.Equal(kind is SagaKind.Start or SagaKind.Migrate, definition.UnwindWhenInterrupted);
    }

    [Fact]
    public void Saga_interrupted_while_unwinding_carries_on_unwinding_and_a_second_failure_changes_nothing()
    {
        var saga = SagaLog.Undone(SagaLog.Failed(Advance(Migrate(), 4), "first"), 4);
        Assert.Equal(saga, SagaLog.Interrupted(saga));
        Assert.Equal(saga, SagaLog.Failed(saga, "second"));
        Assert.Equal(new SagaAction.Undo(SagaStep.SetMigrationIds, 3), SagaLog.Next(saga));
    }

    [Fact]
    public void Saga_stop_that_fails_has_nothing_to_undo()
    {
        var saga = SagaLog.Failed(Advance(InstanceSaga.Stop(Guid.NewGuid(), Guid.NewGuid(), InstanceNexusState.Vmm), 1), "no such vmm");
        Assert.IsType<SagaAction.Unwound>(SagaLog.Next(saga));
    }

    [Fact]
    public void Saga_log_refuses_an_outcome_that_does_not_fit_its_phase()
    {
        var unwinding = SagaLog.Failed(InstanceSaga.Start(Guid.NewGuid(), InstanceNexusState.NoVmm), "x");
        Assert.Throws<InvalidOperationException>(() => SagaLog.Succeeded(unwinding));
        Assert.Throws<InvalidOperationException>(() => SagaLog.Undone(InstanceSaga.Start(Guid.NewGuid(), InstanceNexusState.NoVmm), 0));
    }

    [Theory]
    [InlineData(InstanceNexusState.NoVmm)]
    [InlineData(InstanceNexusState.Failed)]
    public void Saga_undo_of_linking_the_vmm_restores_the_state_before_the_start(InstanceNexusState before)
    {
        var record = Record(before);
        var saga = SagaLog.Succeeded(InstanceSaga.Start(Guid.NewGuid(), before), Guid.NewGuid());
        var linked = SagaRecordEffects.Forward(record, saga, SagaStep.LinkActiveVmm);
        Assert.Equal((InstanceNexusState.Vmm, saga.VmmId, saga.SledId, InstanceIntent.Running), (linked.State, linked.ActiveVmmId, linked.ActiveSledId, linked.Intent));
        var undone = SagaRecordEffects.Backward(linked, saga, SagaStep.LinkActiveVmm);
        Assert.Equal((before, (Guid?)null, (Guid?)null), (undone.State, undone.ActiveVmmId, undone.ActiveSledId));
    }

    [Fact]
    public void Saga_undo_only_takes_back_what_this_saga_wrote()
    {
        var saga = Migrate();
        var other = Record(InstanceNexusState.Vmm) with { MigrationId = Guid.NewGuid(), TargetVmmId = Guid.NewGuid(), TargetSledId = Guid.NewGuid() };
        Assert.Equal(other, SagaRecordEffects.Backward(other, saga, SagaStep.SetMigrationIds));
        var ours = SagaRecordEffects.Forward(Record(InstanceNexusState.Vmm), saga, SagaStep.SetMigrationIds);
        Assert.Equal((saga.MigrationId, saga.VmmId, saga.SledId), (ours.MigrationId, ours.TargetVmmId, ours.TargetSledId));
        var cleared = SagaRecordEffects.Backward(ours, saga, SagaStep.SetMigrationIds);
        Assert.Null(cleared.MigrationId);
        Assert.Null(cleared.TargetVmmId);
        var relinked = Record(InstanceNexusState.Vmm) with { ActiveVmmId = Guid.NewGuid() };
        Assert.Equal(relinked, SagaRecordEffects.Backward(relinked, InstanceSaga.Start(Guid.NewGuid(), InstanceNexusState.NoVmm), SagaStep.LinkActiveVmm));
    }

    [Fact]
    public void Saga_log_and_releases_are_bookkeeping_not_a_new_generation()
    {
        var record = Record(InstanceNexusState.NoVmm);
        var logged = InstanceRecords.Versioned(record, record with { Saga = InstanceSaga.Delete(InstanceNexusState.NoVmm) }, T.AddSeconds(1));
        Assert.Equal(record.Generation, logged.Generation);
        var changed = InstanceRecords.Versioned(record, record with { Intent = InstanceIntent.Running }, T.AddSeconds(1));
        Assert.Equal(record.Generation.Next(), changed.Generation);
    }

    private static InstanceSaga Migrate() =>
        InstanceSaga.Migrate(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), InstanceNexusState.Vmm);

    private static InstanceSaga Advance(InstanceSaga saga, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            Assert.IsType<SagaAction.Do>(SagaLog.Next(saga));
            saga = SagaLog.Succeeded(saga, saga.SledId ?? Guid.NewGuid());
        }

        return saga;
    }

    private static List<SagaStep> Unwind(ref InstanceSaga saga)
    {
        var undone = new List<SagaStep>();
        while (SagaLog.Next(saga) is SagaAction.Undo undo)
        {
            undone.Add(undo.Step);
            saga = SagaLog.Undone(saga, undo.Index);
        }

        return undone;
    }

    private static InstanceRecord Record(InstanceNexusState state)
    {
        var spec = new V3.InstanceSpec
        {
            Board = new Board { Cpus = 1, MemoryMb = 512, Chipset = new I440Fx { EnablePcie = false } },
            Components = ComponentMap<V3.IComponent>.Empty,
        };
        return InstanceRecords.New(Guid.NewGuid(), new InstanceCreateRequest { Name = "i", Start = false, Spec = new InstanceSpecSource.Simple(new SimpleInstanceRequest { Name = "i", Ncpus = 1, MemoryMib = 512 }) }, spec, T) with { State = state };
    }
}
