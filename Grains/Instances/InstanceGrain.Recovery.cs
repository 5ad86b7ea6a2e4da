using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Vmms;
using Orleans;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Grains.Instances;

// The instance's recovery: what a turn that died or failed part-way left recorded (a pending start or migration, VMMs
// being released) is finished or unwound by the next turn or activation, so no reservation leaks and no instance is
// left pointing at a VMM that will never run.
public sealed partial class InstanceGrain
{
    /// <summary>An activation that finds a pending step unwinds it in its first turn (the one that ran it is gone).</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Instance is { } record && (record.Pending is not null || record.Releasing.Count > 0))
        {
            this.RegisterGrainTimer(_ => RecoverInterrupted(), new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan });
        }

        Count(null);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Diagnostics.ControlPlaneMetrics.Instances.Remove(Id);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Finishes what an earlier turn left half done (its activation died or a call in it failed): releases recorded but
    /// not run, and the undo of a pending start or migration.
    /// </summary>
    private async Task RecoverInterrupted()
    {
        await RunReleases();
        if (state.State.Instance is { Pending: { } pending, State: not InstanceNexusState.Destroyed })
        {
            logger.LogWarning("Instance {InstanceId}: the {Kind} of VMM {VmmId} was interrupted; unwinding it", Id, pending.Kind, pending.VmmId);
            await UnwindPendingOrLeave(pending);
        }
    }

    /// <summary>Lets go of each recorded VMM (reservation, record, sled; each idempotent), then clears the list.</summary>
    private async Task RunReleases()
    {
        if (state.State.Instance is not { Releasing: { Count: > 0 } releasing })
        {
            return;
        }

        foreach (var release in releasing)
        {
            await Inventory.Release(release.VmmId);
            await Vmm(release.VmmId).SoftDelete();
            if (release.Unregister)
            {
                await UnregisterQuietly(release.SledId, release.VmmId);
            }
        }

        await Save(Current() with { Releasing = ValueList<VmmRelease>.Empty });
    }

    /// <summary>
    /// Undoes a pending step in reverse: the sled forgets the VMM, the VMM record becomes saga_unwound, the reservation
    /// is released, and the instance stops pointing at a migration target it never reached. Every step is idempotent,
    /// so an unwind cut short is simply run again. If it fails here, the activation goes, and the next one (a later
    /// call, or the watcher's notice for the unwound VMM) runs it again from the record.
    /// </summary>
    private async Task UnwindPendingOrLeave(PendingVmmStep pending)
    {
        try
        {
            if (pending.SledId is { } sledId)
            {
                await UnregisterQuietly(sledId, pending.VmmId);
            }

            if (await Vmm(pending.VmmId).Get() is not null)
            {
                await Vmm(pending.VmmId).MarkSagaUnwound();
            }

            await Inventory.Release(pending.VmmId);
            var record = Current();
            var next = record with { Pending = null };
            if (pending.Kind == PendingVmmStepKind.MigrationTarget && record.TargetVmmId == pending.VmmId)
            {
                next = next with { MigrationId = null, TargetVmmId = null, TargetSledId = null };
            }

            if (record.ActiveVmmId != pending.VmmId)
            {
                await Vmm(pending.VmmId).SoftDelete(); // nothing points at it: the watcher may let go
            }

            await Save(next);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Instance {InstanceId}: unwinding VMM {VmmId} failed ({Error}); the next activation runs it again", Id, pending.VmmId, ex.Message);
            DeactivateOnIdle();
        }
    }

    private async Task ReleaseUnwound(InstanceRecord record, VmmView? active)
    {
        if (active is { State: NexusVmmState.SagaUnwound } && record.ActiveVmmId == active.VmmId)
        {
            await Inventory.Release(active.VmmId);
            await Vmm(active.VmmId).SoftDelete();
        }
    }

    private async Task UnregisterQuietly(Guid sledId, Guid vmmId)
    {
        try
        {
            await GrainFactory.GetSledVmm(sledId, vmmId).Unregister();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Unregistering VMM {VmmId} from sled {SledId} failed", vmmId, sledId);
        }
    }
}
