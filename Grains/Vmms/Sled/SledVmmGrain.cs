using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Sleds.Placement;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Timers;
using Orleans;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using V1 = ControlPlane.Grains.Abstractions.Vmms.V1;
using V2 = ControlPlane.Grains.Abstractions.Vmms.V2;

namespace ControlPlane.Grains.Vmms.Sled;

/// <summary>
/// The sled-agent side of one VMM, on the silo hosting its sled. Holds the VMM in memory only (a sled-agent
/// restart loses it, as in Omicron), applies <see cref="SledVmmMachine"/>, turns scheduled events into grain
/// timers, and rings the Nexus-side doorbell from an interleaving timer with backoff, so ringing never
/// blocks reads. A terminal state stays readable until Nexus acknowledges it.
/// </summary>
[SledPlacement]
public sealed class SledVmmGrain(IOptions<VmmOptions> options, TimeProvider clock, ILogger<SledVmmGrain> logger) : Grain, ISledVmmGrain
{
    private readonly VmmOptions timings = options.Value;
    private SledVmm? vmm;
    private bool ringOwed;
    private System.Diagnostics.ActivityContext ringCause;
    private bool ringerRunning;
    private Guid vmmId;
    private Guid sledId;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        vmmId = this.GetPrimaryKey(out var extension);
        if (!SledRole.TryParse(extension, out sledId))
        {
            throw new InvalidOperationException($"A sled VMM grain's key extension must be 'sled-<id>', not '{extension}'.");
        }

        return Task.CompletedTask;
    }

    public Task<SledVmmState> Register(VmmRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (vmm is not null)
        {
            return vmm.InstanceId == registration.InstanceId
                ? Task.FromResult(vmm.ToState())
                : throw new InvalidOperationException($"VMM {vmmId} is registered to another instance.");
        }

        vmm = SledVmmMachine.Register(registration, clock.GetUtcNow());
        DelayDeactivation(TimeSpan.MaxValue); // the sled-agent's memory must survive idle (and forced) collection
        return Task.FromResult(vmm.ToState());
    }

    public async Task<VmmPutStateResponse> PutState(VmmStateRequested requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        return new VmmPutStateResponse { UpdatedRuntime = await ApplyAndFollow(new SledVmmEvent.Requested(requested), throwOnRefusal: true) };
    }

    public Task<VmmUnregisterResponse> Unregister()
    {
        var last = vmm?.ToState();
        Forget();
        return Task.FromResult(new VmmUnregisterResponse { UpdatedRuntime = last });
    }

    public Task<int> GetMaxApiVersion() => Task.FromResult(timings.SledMaxApiVersion);

    public Task<V1.SledVmmState?> GetStateV1() => Task.FromResult(vmm?.ToState().ToV1());

    public Task<V2.SledVmmState?> GetStateV2() =>
        timings.SledMaxApiVersion >= SledVmmApiVersion.V2
            ? Task.FromResult(vmm?.ToState())
            : throw new NotSupportedException($"This sled serves state versions up to {timings.SledMaxApiVersion}.");

    public Task AcknowledgeTerminal(Generation generation)
    {
        if (vmm is { IsTerminal: true } && generation >= vmm.Runtime.Gen)
        {
            Forget();
        }

        return Task.CompletedTask;
    }

    public async Task InjectFault(VmmFault fault)
    {
        switch (fault)
        {
            case VmmFault.ProcessCrash:
                await ApplyAndFollow(new SledVmmEvent.Crashed("propolis process exited unexpectedly"), throwOnRefusal: false);
                break;
            case VmmFault.GuestShutdown:
                await ApplyAndFollow(new SledVmmEvent.GuestShutdown(), throwOnRefusal: false);
                break;
            case VmmFault.Vanish:
                Forget();
                break;
            case VmmFault.StopHangs:
                vmm = Known() with { Faults = Known().Faults | SledVmmFaults.StopHangs };
                break;
            case VmmFault.MigrationFails:
                vmm = Known() with { Faults = Known().Faults | SledVmmFaults.MigrationFails };
                if (vmm.MigrationIn is { State: MigrationState.InProgress })
                {
                    await ApplyAndFollow(new SledVmmEvent.MigrationInFinished(), throwOnRefusal: false); // fails at once
                }

                break;
            case VmmFault.DropDoorbells:
                vmm = Known() with { Faults = Known().Faults | SledVmmFaults.DropDoorbells };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }

    public Task BeginMigrationOut(Guid migrationId, Guid targetSledId, Guid targetVmmId) =>
        Deliver(new SledVmmEvent.MigrationOutStarted(migrationId, new SledVmmAddress(targetSledId, targetVmmId)));

    public Task FinishMigrationOut(Guid migrationId, bool succeeded) => Deliver(new SledVmmEvent.MigrationOutFinished(migrationId, succeeded));

    private async Task<SledVmmState?> ApplyAndFollow(SledVmmEvent @event, bool throwOnRefusal)
    {
        var current = Known();
        var transition = SledVmmMachine.Apply(current, @event, clock.GetUtcNow(), timings);
        if (transition.Refusal is { } refusal)
        {
            if (throwOnRefusal)
            {
                throw new VmmRequestRefusedException($"VMM {vmmId}: {refusal}.");
            }

            return current.ToState();
        }

        vmm = transition.Vmm;
        foreach (var scheduled in transition.Scheduled)
        {
            Schedule(scheduled);
        }

        if (transition.Changed)
        {
            OweRing();
        }

        if (transition.ToSource is { } message)
        {
            // The target drives the migration: tell the source's sled (another grain; it never calls back).
            var source = GrainFactory.GetSledVmm(message.SourceSledId, message.SourceVmmId);
            await (message.Event switch
            {
                SledVmmEvent.MigrationOutStarted started => source.BeginMigrationOut(started.MigrationId, sledId, vmmId),
                SledVmmEvent.MigrationOutFinished finished => source.FinishMigrationOut(finished.MigrationId, finished.Succeeded),
                _ => throw new InvalidOperationException($"{message.Event} is not a message for a migration source."),
            });
        }

        if (transition.ProbeTarget is { } probe)
        {
            await ApplyAndFollow(new SledVmmEvent.MigrationTargetObserved(probe.MigrationId, await TargetSide(probe)), throwOnRefusal: false);
        }

        return vmm?.ToState();
    }

    /// <summary>
    /// The target's migration-in side for the probe's migration; null when the target is gone (no such VMM, another
    /// migration, or no live silo hosts its sled). Any other failure says nothing, so it reads as still in progress.
    /// </summary>
    private async Task<MigrationState?> TargetSide(MigrationTargetProbe probe)
    {
        try
        {
            var target = await GrainFactory.GetSledVmm(probe.Target.SledId, probe.Target.VmmId).GetStateV1();
            return target?.MigrationIn is { } side && side.MigrationId == probe.MigrationId ? side.State : null;
        }
        catch (NoSledHostException)
        {
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "VMM {VmmId}: could not look at migration target {TargetVmmId}; looking again later", vmmId, probe.Target.VmmId);
            return MigrationState.InProgress;
        }
    }

    private async Task Deliver(SledVmmEvent @event)
    {
        if (vmm is null)
        {
            throw new NoSuchVmmException($"VMM {vmmId} is not registered on sled {sledId}.");
        }

        await ApplyAndFollow(@event, throwOnRefusal: true);
    }

    private SledVmm Known() => vmm ?? throw new NoSuchVmmException($"VMM {vmmId} is not registered on sled {sledId}.");

    private void Schedule(ScheduledSledVmmEvent scheduled)
    {
        OneShotTimer.Start(
            this,
            scheduled.Delay,
            async _ =>
            {
                try
                {
                    if (vmm is not null)
                    {
                        await ApplyAndFollow(scheduled.Event, throwOnRefusal: false);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "VMM {VmmId}: scheduled {Event} failed", vmmId, scheduled.Event);
                }
            });
    }

    private void Forget()
    {
        vmm = null;
        DelayDeactivation(TimeSpan.Zero); // nothing left to keep: collected like any idle activation
    }

    private void OweRing()
    {
        ringOwed = true;
        ringCause = Diagnostics.ControlPlaneActivities.CurrentContext();
        if (!ringerRunning)
        {
            ringerRunning = true;
            OneShotTimer.Start(this, TimeSpan.Zero, RingUntilDelivered, interleave: true);
        }
    }

    /// <summary>Rings until a ring succeeds after the last change; retries transient failures forever with capped exponential backoff.</summary>
    private async Task RingUntilDelivered(CancellationToken cancellationToken)
    {
        var delay = timings.DoorbellRetryInitialDelay;
        try
        {
            while (ringOwed && !cancellationToken.IsCancellationRequested)
            {
                ringOwed = false;
                if (vmm is { } current && current.Faults.HasFlag(SledVmmFaults.DropDoorbells))
                {
                    continue; // Lost on the way; the watcher is the safety net.
                }

                using var ring = Diagnostics.ControlPlaneActivities.StartRing(vmmId, ringCause);
                try
                {
                    await GrainFactory.GetGrain<IVmmGrain>(vmmId).Ring();
                    Diagnostics.ControlPlaneMetrics.DoorbellRung();
                    delay = timings.DoorbellRetryInitialDelay;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogDebug(ex, "Doorbell for VMM {VmmId} failed; retrying in {Delay}", vmmId, delay);
                    ringOwed = true;
                    await Task.Delay(delay, cancellationToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, timings.DoorbellRetryMaxDelay.Ticks));
                }
            }
        }
        finally
        {
            ringerRunning = false;
        }
    }
}
