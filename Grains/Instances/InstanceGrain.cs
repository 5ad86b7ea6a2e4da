using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Instances.Registry;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Specs.Validation;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Diagnostics;
using ControlPlane.Grains.Instances.Naming;
using ControlPlane.Grains.Instances.Sagas;
using ControlPlane.Grains.Persistence;
using ControlPlane.Grains.Timers;
using ControlPlane.Grains.Vmms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;

namespace ControlPlane.Grains.Instances;

/// <summary>
/// The instance: a thin shell. Commands are checked by <see cref="InstanceCommandRules"/>; start, migrate, stop, reboot
/// and delete are recorded as sagas and driven by <see cref="InstanceSagaRunner"/> (next action from <see cref="SagaLog"/>,
/// each outcome written with the record); VMM facts are folded in by <see cref="InstanceUpdatePlanner"/> and
/// restarts decided by <see cref="AutoRestartEvaluator"/>.
/// </summary>
public sealed class InstanceGrain(
    [PersistentState("instance")] IPersistentState<InstanceGrainState> state,
    IOptions<VmmOptions> options,
    TimeProvider clock,
    ILogger<InstanceGrain> logger) : Grain, IInstanceGrain
{
    private static readonly TimeSpan RecoveryRetry = TimeSpan.FromSeconds(1);
    private readonly VmmOptions settings = options.Value;
    private IGrainTimer? restartTimer;
    private IGrainTimer? recoveryTimer;
    private InstanceSagaRunner? sagas;
    private InstanceVmmReads? reads;

    private Guid Id => this.GetPrimaryKey();

    private InstanceSagaRunner Sagas => sagas ??= new(Id, Current, Save, new InstanceStepExecutor(GrainFactory, Id, clock, logger), ServiceProvider.GetServices<ISagaStepObserver>(), logger);

    private InstanceVmmReads Reads => reads ??= new(GrainFactory);

    /// <summary>A saga or releases found on activation were left by an activation that died: finish or unwind them now.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Instance is { HasUnfinishedWork: true })
        {
            ScheduleRecovery(TimeSpan.Zero);
        }

        InstanceCensus.Report(Id, state.State.Instance, null);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ControlPlaneMetrics.Instances.Deactivated(Id, reason);
        return Task.CompletedTask;
    }

    public async Task<InstanceView> Create(InstanceCreateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state.State.Instance is { } existing)
        {
            await Sagas.Recover();
            return existing.State != InstanceNexusState.Destroyed && existing.Name == request.Name
                ? await View(Current())
                : throw new InstanceNameInUseException($"Instance id {Id} is already used.");
        }

        var spec = await InstanceSpecSources.Validate(GrainFactory.GetGrain<ISpecValidationGrain>(0), request.Spec);
        await InstanceNames.Claim(GrainFactory, request.Name, Id);
        await GrainFactory.Add(Id);
        var record = InstanceRecords.New(Id, request, spec, clock.GetUtcNow());
        await (request.Start ? Begin(record, InstanceSaga.Start(Guid.NewGuid(), record.State)) : Save(record));
        return await View(Current());
    }

    public async Task<InstanceView> Get() =>
        state.State.Instance is { State: not InstanceNexusState.Destroyed } record ? await View(record) : throw new InstanceNotFoundException(Id);

    public async Task<InstanceView?> Find() => state.State.Instance is { } record ? await View(record) : null;

    public async Task<InstanceView> Start()
    {
        var (record, active) = await Load();
        var decision = InstanceCommandRules.Start(record, active);
        InstanceCommandRules.Enforce(decision, InstanceOperation.Start, record, active);
        record = record with { Intent = InstanceIntent.Running };
        await (decision.Action == InstanceCommandAction.Proceed ? Begin(record, InstanceSaga.Start(Guid.NewGuid(), record.State)) : Save(record));
        return await View(Current());
    }

    public async Task<InstanceView> Stop()
    {
        var (record, active) = await Load();
        var decision = InstanceCommandRules.Stop(record, active);
        InstanceCommandRules.Enforce(decision, InstanceOperation.Stop, record, active);
        await (decision.Action switch
        {
            InstanceCommandAction.AlreadyDone => Save(record with { Intent = InstanceIntent.Stopped }),
            InstanceCommandAction.RecordOnly => Save(record with { State = InstanceNexusState.NoVmm, Intent = InstanceIntent.Stopped, ActiveVmmId = null, ActiveSledId = null }),
            _ => Begin(record, InstanceSaga.Stop(record.ActiveVmmId!.Value, record.ActiveSledId!.Value, record.State)),
        });
        return await View(Current());
    }

    public async Task<InstanceView> Reboot()
    {
        var (record, active) = await Load();
        InstanceCommandRules.Enforce(InstanceCommandRules.Reboot(record, active), InstanceOperation.Reboot, record, active);
        await Begin(record with { Intent = InstanceIntent.Running }, InstanceSaga.Reboot(record.ActiveVmmId!.Value, record.ActiveSledId!.Value, record.State));
        return await View(Current());
    }

    public async Task<InstanceView> Migrate(InstanceMigrateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (record, active) = await Load();
        InstanceCommandRules.Enforce(InstanceCommandRules.Migrate(record, active, request.DstSledId), InstanceOperation.Migrate, record, active);
        await GrainFactory.GetGrain<ISledInventoryGrain>(0).Get(request.DstSledId);
        var saga = InstanceSaga.Migrate(Guid.NewGuid(), request.DstSledId, Guid.NewGuid(), record.ActiveVmmId!.Value, record.ActiveSledId!.Value, record.State);
        await Begin(record, saga);
        return await View(Current());
    }

    public async Task Delete()
    {
        var (record, active) = await Load();
        InstanceCommandRules.Enforce(InstanceCommandRules.Delete(record, active), InstanceOperation.Delete, record, active);
        await Begin(record, InstanceSaga.Delete(record.State));
    }

    public Task<MigrationView?> GetMigration() => Reads.Migration(state.State.Instance);

    public Task VmmUpdated(Guid vmmId) => ReconcileCore();

    public async Task<InstanceView> Reconcile()
    {
        await ReconcileCore();
        return await View(Current());
    }

    private async Task ReconcileCore()
    {
        await Sagas.Recover();
        if (state.State.Instance is not { State: not InstanceNexusState.Destroyed } record)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var plan = InstanceUpdatePlanner.Plan(record, await Reads.Facts(record), now);
        if (plan.Changed || plan.Releases.Count > 0)
        {
            // Releases are written with the record, then run: a silo that dies in between leaves them to the next activation.
            await Save(plan.Instance with { Generation = record.Generation, Releasing = plan.Releases });
            await Sagas.RunReleases();
        }

        var current = Current();
        if (AutoRestartEvaluator.ShouldRestart(current, await Reads.Active(current), now, settings.AutoRestartCooldown))
        {
            try
            {
                await Begin(current with { TimeLastAutoRestarted = now }, InstanceSaga.Start(Guid.NewGuid(), current.State));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Automatic restart of instance {InstanceId} failed", Id);
            }
        }
        else if (AutoRestartEvaluator.CooldownRemaining(current, now, settings.AutoRestartCooldown) is { } due)
        {
            restartTimer = Once(restartTimer, due, ReconcileCore); // the reincarnation task's job in Omicron
            DelayDeactivation(due + RecoveryRetry); // a pending timer does not keep an idle activation from being collected
        }
    }

    /// <summary>
    /// Records the saga with <paramref name="record"/> (one write) and runs it; recomputes the instance when a VMM state
    /// a step applied needs it, or when the active VMM turned out to be gone (explicit evidence, then 503 to the caller).
    /// </summary>
    private async Task Begin(InstanceRecord record, InstanceSaga saga)
    {
        await Save(record with { Saga = saga });
        try
        {
            if (await Sagas.Run())
            {
                await ReconcileCore();
            }
        }
        catch (InstanceUnreachableException)
        {
            await ReconcileCore();
            throw;
        }
        catch when (state.State.Instance?.Saga is not null)
        {
            ScheduleRecovery(RecoveryRetry); // an undo failed: keep trying to let go of what the saga holds
            throw;
        }
    }

    private void ScheduleRecovery(TimeSpan due) => recoveryTimer = Once(recoveryTimer, due, async () =>
    {
        if (!await Sagas.TryRecover())
        {
            ScheduleRecovery(RecoveryRetry);
        }
    });

    private IGrainTimer Once(IGrainTimer? previous, TimeSpan due, Func<Task> work) => OneShotTimer.Replace(this, previous, due, work);

    private async Task<(InstanceRecord Record, VmmView? Active)> Load()
    {
        await Sagas.Recover();
        var record = state.State.Instance ?? throw new InstanceNotFoundException(Id);
        return (record, await Reads.Active(record));
    }

    private InstanceRecord Current() => state.State.Instance ?? throw new InstanceNotFoundException(Id);

    /// <summary>
    /// Persists <paramref name="record"/> (a new generation unless only the saga log or releases changed), or forgets it
    /// and the activation (<see cref="StateWrite"/>).
    /// </summary>
    private async Task Save(InstanceRecord record)
    {
        if (record != state.State.Instance)
        {
            await state.WriteOrDeactivateAsync(new InstanceGrainState { Instance = InstanceRecords.Versioned(state.State.Instance, record, clock.GetUtcNow()) }, this);
            InstanceCensus.Report(Id, state.State.Instance, null);
        }
    }

    private async Task<InstanceView> View(InstanceRecord record)
    {
        var active = await Reads.Active(record);
        InstanceCensus.Report(Id, record == state.State.Instance ? record : null, active);
        return InstanceViews.ToView(record, active);
    }
}
