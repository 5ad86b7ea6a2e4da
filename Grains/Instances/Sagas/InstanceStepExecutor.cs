using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Instances.Registry;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Vmms;
using Microsoft.Extensions.Logging;
using Orleans;

namespace ControlPlane.Grains.Instances.Sagas;

/// <summary>
/// The side effects of saga steps and undos, and of instance-update releases, as calls to the sled, VMM and name
/// grains (the imperative half of the saga: <see cref="SagaLog"/> says which to run). Each is keyed by ids recorded in
/// the saga, and each is idempotent: reserving an already reserved VMM returns its sled, registering again returns the
/// VMM's state, releasing or unregistering what is not there does nothing.
/// </summary>
internal sealed class InstanceStepExecutor(IGrainFactory grains, Guid instanceId, TimeProvider clock, ILogger logger)
{
    public async Task<SagaStepOutcome> Do(SagaStep step, InstanceSaga saga, InstanceRecord record)
    {
        ArgumentNullException.ThrowIfNull(saga);
        ArgumentNullException.ThrowIfNull(record);
        switch (step)
        {
            case SagaStep.ReserveSled:
                var request = new SledReservationRequest { VmmId = VmmOf(saga), Cpus = record.Ncpus, MemoryMib = record.MemoryMib, SledId = saga.Kind == SagaKind.Migrate ? saga.SledId : null };
                return new SagaStepOutcome(SledId: await Reservation(request.VmmId).Reserve(request));
            case SagaStep.CreateVmmRecord:
                await Vmm(VmmOf(saga)).Initialize(new VmmInitialization { InstanceId = instanceId, SledId = SledOf(saga), MigrationInId = saga.MigrationId });
                return SagaStepOutcome.None;
            case SagaStep.RegisterOnSled:
                var registered = await SledVmm(saga).Register(new VmmRegistration
                {
                    InstanceId = instanceId,
                    Spec = record.Spec, // a migration target is initialised from the source's spec
                    VmmRuntime = new VmmRuntimeState
                    {
                        State = saga.Kind == SagaKind.Migrate ? VmmState.Migrating : VmmState.Starting,
                        Gen = new Generation(2),
                        TimeUpdated = clock.GetUtcNow(),
                    },
                    MigrationId = saga.MigrationId,
                });
                return new SagaStepOutcome(InstanceUpdateNeeded: (await Vmm(VmmOf(saga)).Apply(registered)).InstanceUpdateNeeded);
            case SagaStep.EnsureRunning:
                return await PutState(SledOf(saga), VmmOf(saga), new VmmStateRequested.Running());
            case SagaStep.BeginMigrationOut:
                await Vmm(saga.SourceVmmId!.Value).BeginMigrationOut(saga.MigrationId!.Value);
                return SagaStepOutcome.None;
            case SagaStep.EnsureMigrating:
                return await PutState(SledOf(saga), VmmOf(saga), new VmmStateRequested.MigrationTarget(saga.SourceVmmId!.Value, saga.SourceSledId!.Value));
            case SagaStep.RequestStop:
                return await PutStateOnActive(SledOf(saga), VmmOf(saga), new VmmStateRequested.Stopped());
            case SagaStep.RequestReboot:
                return await PutStateOnActive(SledOf(saga), VmmOf(saga), new VmmStateRequested.Reboot());
            case SagaStep.ReleaseName:
                await grains.GetGrain<IInstanceNameGrain>(record.Name).Release(instanceId);
                await grains.Remove(instanceId);
                return SagaStepOutcome.None;
            default:
                return SagaStepOutcome.None; // a step that only changes the record (SagaRecordEffects)
        }
    }

    public async Task Undo(SagaStep step, InstanceSaga saga)
    {
        ArgumentNullException.ThrowIfNull(saga);
        switch (step)
        {
            case SagaStep.ReserveSled:
                await Reservation(VmmOf(saga)).Release();
                break;
            case SagaStep.CreateVmmRecord:
                // Omicron's destroy_vmm_record: saga_unwound (so nothing mistakes it for a VMM that may run), then let go of it.
                if (await Vmm(VmmOf(saga)).Get() is { Deleted: false })
                {
                    await Vmm(VmmOf(saga)).MarkSagaUnwound();
                    await Vmm(VmmOf(saga)).SoftDelete();
                }

                break;
            case SagaStep.RegisterOnSled when saga.SledId is not null:
                await OnLiveSled(() => SledVmm(saga).Unregister());
                if (saga is { Kind: SagaKind.Migrate, SourceSledId: { } sourceSled, SourceVmmId: { } sourceVmm, MigrationId: { } migrationId })
                {
                    // The target is gone, so the source's side of this migration has failed (a no-op if it never started).
                    await OnLiveSled(() => grains.GetSledVmm(sourceSled, sourceVmm).FinishMigrationOut(migrationId, succeeded: false));
                }

                break;
        }
    }

    /// <summary>A call to a sled; when membership has declared the sled's silo dead, its VMMs died with it and there is nothing to undo.</summary>
    private static async Task OnLiveSled(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (NoSledHostException)
        {
        }
        catch (NoSuchVmmException)
        {
        }
    }

    /// <summary>Lets go of each VMM (reservation, record, sled); each call idempotent.</summary>
    public async Task Release(IEnumerable<VmmRelease> releases)
    {
        foreach (var release in releases)
        {
            await Reservation(release.VmmId).Release();
            await Vmm(release.VmmId).SoftDelete();
            if (release.Unregister)
            {
                try
                {
                    await grains.GetSledVmm(release.SledId, release.VmmId).Unregister();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogDebug(ex, "Unregistering VMM {VmmId} from sled {SledId} failed", release.VmmId, release.SledId);
                }
            }
        }
    }

    /// <summary>
    /// A user's request to the active VMM (stop, reboot). A sled that has forgotten the VMM is explicit evidence: the
    /// VMM is marked failed and the caller told the instance is unreachable (Omicron answers 503 and fails it).
    /// </summary>
    private async Task<SagaStepOutcome> PutStateOnActive(Guid sledId, Guid vmmId, VmmStateRequested requested)
    {
        try
        {
            return await PutState(sledId, vmmId, requested);
        }
        catch (NoSuchVmmException)
        {
            await Vmm(vmmId).MarkFailed(VmmFailureReason.NoSuchInstance);
            throw new InstanceUnreachableException($"Instance {instanceId} is no longer reachable on its sled and is being moved to failed.");
        }
    }

    /// <summary>Asks the sled for a VMM state and applies the state it answers with to the VMM record.</summary>
    private async Task<SagaStepOutcome> PutState(Guid sledId, Guid vmmId, VmmStateRequested requested)
    {
        var put = await grains.GetSledVmm(sledId, vmmId).PutState(requested);
        return put.UpdatedRuntime is { } runtime
            ? new SagaStepOutcome(InstanceUpdateNeeded: (await Vmm(vmmId).Apply(runtime)).InstanceUpdateNeeded)
            : SagaStepOutcome.None;
    }

    private IVmmGrain Vmm(Guid vmmId) => grains.GetGrain<IVmmGrain>(vmmId);

    private ISledReservationGrain Reservation(Guid vmmId) => grains.GetGrain<ISledReservationGrain>(vmmId);

    private ISledVmmGrain SledVmm(InstanceSaga saga) => grains.GetSledVmm(SledOf(saga), VmmOf(saga));

    private static Guid VmmOf(InstanceSaga saga) => saga.VmmId ?? throw new InvalidOperationException($"The {saga.Kind} saga has no VMM.");

    private static Guid SledOf(InstanceSaga saga) => saga.SledId ?? throw new InvalidOperationException($"The {saga.Kind} saga has no sled yet.");
}
