using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Validation;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Vmms;
using ControlPlane.Grains.Persistence;
using Orleans;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Grains.Instances;

/// <summary>
/// The instance: a thin shell that checks <see cref="InstanceCommandRules"/>, runs the start/stop/reboot/migrate
/// steps against the sled and VMM grains, recomputes itself with <see cref="InstanceUpdatePlanner"/> whenever a
/// VMM it points at reports a terminal fact, and applies <see cref="AutoRestartEvaluator"/>.
/// </summary>
public sealed partial class InstanceGrain(
    [PersistentState("instance")] IPersistentState<InstanceGrainState> state,
    IOptions<VmmOptions> options,
    TimeProvider clock,
    ILogger<InstanceGrain> logger) : Grain, IInstanceGrain
{
    private readonly VmmOptions settings = options.Value;
    private IGrainTimer? restartTimer;

    private Guid Id => this.GetPrimaryKey();

    private ISledInventoryGrain Inventory => GrainFactory.GetGrain<ISledInventoryGrain>(0);

    private IVmmGrain Vmm(Guid vmmId) => GrainFactory.GetGrain<IVmmGrain>(vmmId);

    public async Task<InstanceView> Create(InstanceCreateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state.State.Instance is { } existing)
        {
            return existing.State != InstanceNexusState.Destroyed && existing.Name == request.Name
                ? await View(existing)
                : throw new InstanceNameInUseException($"Instance id {Id} is already used.");
        }

        var validator = GrainFactory.GetGrain<ISpecValidationGrain>(0);
        var validation = request.Spec switch
        {
            InstanceSpecSource.Simple simple => await validator.ValidateSimpleRequest(simple.Request),
            InstanceSpecSource.Wire wire => await validator.ValidateJson(wire.SpecJson, wire.ApiVersion),
            _ => throw new InvalidInstanceRequestException("Unknown spec source."),
        };
        if (validation.NormalizedSpec is not { } spec)
        {
            throw new InvalidInstanceSpecException(validation.Errors);
        }

        if (!await GrainFactory.GetGrain<IInstanceRegistryGrain>(0).TryAdd(Id, request.Name))
        {
            throw new InstanceNameInUseException($"An instance named '{request.Name}' already exists.");
        }

        var record = new InstanceRecord
        {
            Id = Id,
            Name = request.Name,
            Spec = spec,
            Ncpus = spec.Board.Cpus,
            MemoryMib = spec.Board.MemoryMb,
            State = InstanceNexusState.NoVmm,
            Generation = Generation.Initial,
            Intent = request.Start ? InstanceIntent.Running : InstanceIntent.Stopped,
            AutoRestartPolicy = request.AutoRestartPolicy,
            AutoRestartCooldown = request.AutoRestartCooldown,
            TimeStateUpdated = clock.GetUtcNow(),
        };
        await Save(record);
        if (request.Start)
        {
            await StartVmm();
        }

        return await View(Current());
    }

    public async Task<InstanceView> Get()
    {
        var record = state.State.Instance;
        return record is null || record.State == InstanceNexusState.Destroyed ? throw new InstanceNotFoundException(Id) : await View(record);
    }

    public async Task<InstanceView?> Find() => state.State.Instance is { } record ? await View(record) : null;

    public async Task<InstanceView> Start()
    {
        var (record, active) = await Load();
        var decision = InstanceCommandRules.Start(record, active);
        Refuse(decision, InstanceOperation.Start, record, active);
        await Save(record with { Intent = InstanceIntent.Running });
        if (decision.Action == InstanceCommandAction.Proceed)
        {
            await StartVmm();
        }

        return await View(Current());
    }

    public async Task<InstanceView> Stop()
    {
        var (record, active) = await Load();
        var decision = InstanceCommandRules.Stop(record, active);
        Refuse(decision, InstanceOperation.Stop, record, active);
        switch (decision.Action)
        {
            case InstanceCommandAction.AlreadyDone:
                await Save(record with { Intent = InstanceIntent.Stopped });
                break;
            case InstanceCommandAction.RecordOnly:
                await ReleaseUnwound(record, active);
                await Save(record with { State = InstanceNexusState.NoVmm, Intent = InstanceIntent.Stopped, ActiveVmmId = null, ActiveSledId = null });
                break;
            default:
                await Save(record with { Intent = InstanceIntent.Stopped });
                await PutStateOnActive(new VmmStateRequested.Stopped());
                break;
        }

        return await View(Current());
    }

    public async Task<InstanceView> Reboot()
    {
        var (record, active) = await Load();
        Refuse(InstanceCommandRules.Reboot(record, active), InstanceOperation.Reboot, record, active);
        await Save(record with { Intent = InstanceIntent.Running });
        await PutStateOnActive(new VmmStateRequested.Reboot());
        return await View(Current());
    }

    public async Task<InstanceView> Migrate(InstanceMigrateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (record, active) = await Load();
        Refuse(InstanceCommandRules.Migrate(record, active, request.DstSledId), InstanceOperation.Migrate, record, active);
        await Inventory.Get(request.DstSledId);

        var migrationId = Guid.NewGuid();
        var targetVmmId = Guid.NewGuid();
        var sourceVmmId = record.ActiveVmmId!.Value;
        var sourceSledId = record.ActiveSledId!.Value;
        var pending = new PendingVmmStep(targetVmmId, PendingVmmStepKind.MigrationTarget, request.DstSledId, migrationId);
        await Save(record with { Pending = pending });
        try
        {
            await Inventory.Reserve(new SledReservationRequest { VmmId = targetVmmId, Cpus = record.Ncpus, MemoryMib = record.MemoryMib, SledId = request.DstSledId });
            await Vmm(targetVmmId).Initialize(new VmmInitialization { InstanceId = Id, SledId = request.DstSledId, MigrationInId = migrationId });
            await Vmm(sourceVmmId).BeginMigrationOut(migrationId);
            await Save(Current() with { MigrationId = migrationId, TargetVmmId = targetVmmId, TargetSledId = request.DstSledId });

            var targetSled = GrainFactory.GetSledVmm(request.DstSledId, targetVmmId);
            var registered = await targetSled.Register(new VmmRegistration
            {
                InstanceId = Id,
                Spec = record.Spec, // The target is initialised from the source's spec.
                VmmRuntime = new VmmRuntimeState { State = VmmState.Migrating, Gen = new Generation(2), TimeUpdated = clock.GetUtcNow() },
                MigrationId = migrationId,
            });
            await Vmm(targetVmmId).Apply(registered);
            var put = await targetSled.PutState(new VmmStateRequested.MigrationTarget(sourceVmmId, sourceSledId));
            if (put.UpdatedRuntime is { } runtime)
            {
                await Vmm(targetVmmId).Apply(runtime);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Migration {MigrationId} of instance {InstanceId} unwinds", migrationId, Id);
            await UnwindPendingOrLeave(pending);
            throw;
        }

        await Save(Current() with { Pending = null });
        return await View(Current());
    }

    public async Task Delete()
    {
        var (record, active) = await Load();
        Refuse(InstanceCommandRules.Delete(record, active), InstanceOperation.Delete, record, active);
        await ReleaseUnwound(record, active);
        await Save(record with { State = InstanceNexusState.Destroyed, Intent = InstanceIntent.Destroyed, ActiveVmmId = null, ActiveSledId = null });
        await GrainFactory.GetGrain<IInstanceRegistryGrain>(0).Remove(Id);
    }

    public async Task<MigrationView?> GetMigration()
    {
        if (state.State.Instance is not { MigrationId: { } migrationId, TargetVmmId: { } targetVmmId } record)
        {
            return null;
        }

        var target = await Vmm(targetVmmId).Get();
        VmmView? source = null;
        foreach (var candidate in new[] { record.ActiveVmmId }.Concat(record.AbandonedVmms.Select(a => (Guid?)a.VmmId)))
        {
            if (candidate is { } id && await Vmm(id).Get() is { MigrationOut: { } side } view && side.MigrationId == migrationId)
            {
                source = view;
                break;
            }
        }

        if (source?.MigrationOut is not { } outSide || target?.MigrationIn is not { } inSide)
        {
            return null;
        }

        return new MigrationView
        {
            MigrationId = migrationId,
            SourceVmmId = source.VmmId,
            TargetVmmId = targetVmmId,
            SourceState = outSide.State,
            SourceGen = outSide.Gen,
            TargetState = inSide.State,
            TargetGen = inSide.Gen,
        };
    }

    public Task VmmUpdated(Guid vmmId) => ReconcileCore();

    public async Task<InstanceView> Reconcile()
    {
        await ReconcileCore();
        return await View(Current());
    }

    private async Task ReconcileCore()
    {
        await RecoverInterrupted();
        if (state.State.Instance is not { } record || record.State == InstanceNexusState.Destroyed)
        {
            return;
        }

        var plan = InstanceUpdatePlanner.Plan(record, await Facts(record), clock.GetUtcNow());
        if (plan.Changed || plan.Releases.Count > 0)
        {
            // RecoverInterrupted ran the releases an earlier turn recorded, so the record holds none now.
            var next = plan.Changed ? plan.Instance : plan.Instance.Bump(clock.GetUtcNow());
            await Write(new InstanceGrainState { Instance = next with { Releasing = plan.Releases } });
        }

        await RunReleases();
        await MaybeAutoRestart();
    }

    private async Task MaybeAutoRestart()
    {
        var record = Current();
        var active = record.ActiveVmmId is { } id ? await Vmm(id).Get() : null;
        var now = clock.GetUtcNow();
        if (AutoRestartEvaluator.ShouldRestart(record, active, now, settings.AutoRestartCooldown))
        {
            await Save(record with { TimeLastAutoRestarted = now });
            try
            {
                await StartVmm();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Automatic restart of instance {InstanceId} failed", Id);
            }
        }
        else if (record.AutoRestartPolicy == AutoRestartPolicy.BestEffort && record.Intent == InstanceIntent.Running
            && record.State == InstanceNexusState.Failed && record.TimeLastAutoRestarted is { } last)
        {
            // Cooling down: look again when the cooldown ends (the reincarnation task's job in Omicron).
            var due = last + (record.AutoRestartCooldown ?? settings.AutoRestartCooldown) - now;
            restartTimer?.Dispose();
            restartTimer = this.RegisterGrainTimer(_ => ReconcileCore(), new GrainTimerCreationOptions { DueTime = due > TimeSpan.Zero ? due : TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
        }
    }

    /// <summary>
    /// The start saga: record the pending VMM, reserve a sled, create the VMM record, point the instance at it, register,
    /// run, clear the pending step. A failure (or, in a later turn, an interrupted run) unwinds it with <see cref="UnwindPendingOrLeave"/>.
    /// </summary>
    private async Task StartVmm()
    {
        var record = Current();
        await ReleaseUnwound(record, record.ActiveVmmId is { } previous ? await Vmm(previous).Get() : null);
        var vmmId = Guid.NewGuid();
        var pending = new PendingVmmStep(vmmId, PendingVmmStepKind.Start, SledId: null, MigrationId: null);
        await Save(Current() with { Pending = pending });
        try
        {
            var sledId = await Inventory.Reserve(new SledReservationRequest { VmmId = vmmId, Cpus = record.Ncpus, MemoryMib = record.MemoryMib });
            await Vmm(vmmId).Initialize(new VmmInitialization { InstanceId = Id, SledId = sledId });
            pending = pending with { SledId = sledId };
            await Save(Current() with { State = InstanceNexusState.Vmm, Intent = InstanceIntent.Running, ActiveVmmId = vmmId, ActiveSledId = sledId, Pending = pending });

            var sled = GrainFactory.GetSledVmm(sledId, vmmId);
            var registered = await sled.Register(new VmmRegistration
            {
                InstanceId = Id,
                Spec = record.Spec,
                VmmRuntime = new VmmRuntimeState { State = VmmState.Starting, Gen = new Generation(2), TimeUpdated = clock.GetUtcNow() },
            });
            await Vmm(vmmId).Apply(registered);
            var put = await sled.PutState(new VmmStateRequested.Running());
            if (put.UpdatedRuntime is { } runtime)
            {
                await Vmm(vmmId).Apply(runtime);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Start of instance {InstanceId} (VMM {VmmId}) unwinds", Id, vmmId);
            await UnwindPendingOrLeave(pending);
            throw;
        }

        await Save(Current() with { Pending = null });
    }

    private async Task PutStateOnActive(VmmStateRequested requested)
    {
        var record = Current();
        var vmmId = record.ActiveVmmId!.Value;
        var sledId = record.ActiveSledId!.Value;
        VmmPutStateResponse put;
        try
        {
            put = await GrainFactory.GetSledVmm(sledId, vmmId).PutState(requested);
        }
        catch (NoSuchVmmException)
        {
            // Explicit evidence: the sled forgot the VMM. Fail it and recompute before answering (Omicron: 503).
            await Vmm(vmmId).MarkFailed(VmmFailureReason.NoSuchInstance);
            await ReconcileCore();
            throw new InstanceUnreachableException($"Instance {Id} is no longer reachable on its sled and is being moved to failed.");
        }

        if (put.UpdatedRuntime is { } runtime && (await Vmm(vmmId).Apply(runtime)).InstanceUpdateNeeded)
        {
            await ReconcileCore();
        }
    }

    private async Task<InstanceVmmFacts> Facts(InstanceRecord record)
    {
        var abandoned = new List<VmmView>();
        foreach (var vmm in record.AbandonedVmms)
        {
            if (await Vmm(vmm.VmmId).Get() is { } view)
            {
                abandoned.Add(view);
            }
        }

        return new InstanceVmmFacts
        {
            Active = record.ActiveVmmId is { } activeId ? await Vmm(activeId).Get() : null,
            Target = record.TargetVmmId is { } targetId ? await Vmm(targetId).Get() : null,
            Abandoned = [.. abandoned],
        };
    }

    private async Task<(InstanceRecord Record, VmmView? Active)> Load()
    {
        await RecoverInterrupted();
        var record = state.State.Instance ?? throw new InstanceNotFoundException(Id);
        return (record, record.ActiveVmmId is { } id ? await Vmm(id).Get() : null);
    }

    private void Refuse(InstanceCommandDecision decision, InstanceOperation operation, InstanceRecord record, VmmView? active)
    {
        switch (decision.Action)
        {
            case InstanceCommandAction.NotFound:
                throw new InstanceNotFoundException(Id);
            case InstanceCommandAction.Conflict:
                throw new InstanceTransitionNotAllowedException(Id, operation, InstanceRunStateDeriver.Derive(record, active), decision.Detail);
            case InstanceCommandAction.Invalid:
                throw new InvalidInstanceRequestException($"Cannot {operation.ToString().ToLowerInvariant()} instance {Id}: {decision.Detail}.");
        }
    }

    private InstanceRecord Current() => state.State.Instance ?? throw new InstanceNotFoundException(Id);

    private async Task Save(InstanceRecord record)
    {
        if (record == state.State.Instance)
        {
            return;
        }

        await Write(new InstanceGrainState { Instance = state.State.Instance is null ? record : record.Bump(clock.GetUtcNow()) });
    }

    /// <summary>Persists <paramref name="next"/>, or forgets it and the activation (<see cref="StateWrite"/>).</summary>
    private async Task Write(InstanceGrainState next)
    {
        await state.WriteOrDeactivateAsync(next, this);
        Count(null);
    }

    private async Task<InstanceView> View(InstanceRecord record)
    {
        var active = record.ActiveVmmId is { } id ? await Vmm(id).Get() : null;
        if (record == state.State.Instance)
        {
            Count(active);
        }

        return InstanceViews.ToView(record, active);
    }

    /// <summary>Reports this instance to the silo's census (the <c>controlplane.instances</c> gauge), keeping the last active-VMM view seen.</summary>
    private void Count(VmmView? active)
    {
        if (state.State.Instance is not { } record)
        {
            return;
        }

        if (active is null && Diagnostics.ControlPlaneMetrics.Instances.TryGet(Id, out var previous) && previous.ActiveVmm?.VmmId == record.ActiveVmmId)
        {
            active = previous.ActiveVmm;
        }

        Diagnostics.ControlPlaneMetrics.Instances.Set(Id, new Diagnostics.InstanceCensusEntry(record, active?.VmmId == record.ActiveVmmId ? active : null));
    }
}
