using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Vmms.Sled;

/// <summary>
/// The simulated sled-agent runner for one VMM, as a pure function of (VMM, event, time): Propolis's state
/// machine seen through sled-agent's mapping (brief §8) and the generation rules of §2.2. Every observation
/// adds 1 to the VMM generation even when the state string is unchanged; migration sides have their own
/// generations (a target starts at pending/1 and jumps to 2, a source creates its side at 2); when the VMM
/// halts, any unfinished migration side is forced to failed.
/// </summary>
public static class SledVmmMachine
{
    /// <summary>A newly registered VMM starts from the runtime state Nexus hands over.</summary>
    public static SledVmm Register(VmmRegistration registration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return new SledVmm
        {
            InstanceId = registration.InstanceId,
            Spec = registration.Spec,
            Runtime = registration.VmmRuntime,
            MigrationIn = registration.MigrationId is { } migrationId
                ? new MigrationRuntimeState { MigrationId = migrationId, State = MigrationState.Pending, Gen = Generation.Initial, TimeUpdated = now }
                : null,
        };
    }

    public static SledVmmTransition Apply(SledVmm vmm, SledVmmEvent @event, DateTimeOffset now, VmmOptions timings)
    {
        ArgumentNullException.ThrowIfNull(vmm);
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(timings);
        return @event switch
        {
            SledVmmEvent.Requested { State: VmmStateRequested.Running } => RequestRunning(vmm, timings),
            SledVmmEvent.Requested { State: VmmStateRequested.Stopped } => RequestStop(vmm, now, timings),
            SledVmmEvent.Requested { State: VmmStateRequested.Reboot } => RequestReboot(vmm, now, timings),
            SledVmmEvent.Requested { State: VmmStateRequested.MigrationTarget target } => RequestMigrationTarget(vmm, target, now, timings),
            SledVmmEvent.BootCompleted => vmm.Runtime.State == VmmState.Starting && vmm.Booting
                ? Changed(Observe(vmm with { Booting = false }, VmmState.Running, now))
                : Unchanged(vmm),
            SledVmmEvent.PropolisStopped => vmm.Runtime.State == VmmState.Stopping
                ? Changed(Observe(vmm, VmmState.Stopping, now), new ScheduledSledVmmEvent(TimeSpan.Zero, new SledVmmEvent.RundownCompleted()))
                : Unchanged(vmm),
            SledVmmEvent.RundownCompleted => vmm.Runtime.State == VmmState.Stopping
                ? Changed(Observe(vmm, VmmState.Destroyed, now))
                : Unchanged(vmm),
            SledVmmEvent.StopGraceExpired => vmm.IsTerminal ? Unchanged(vmm) : Changed(Observe(vmm, VmmState.Destroyed, now)),
            SledVmmEvent.RebootCompleted => vmm.Runtime.State == VmmState.Rebooting
                ? Changed(Observe(vmm, VmmState.Running, now))
                : Unchanged(vmm),
            SledVmmEvent.MigrationInFinished => FinishMigrationIn(vmm, now, timings),
            SledVmmEvent.MigrationOutStarted started => StartMigrationOut(vmm, started, now, timings),
            SledVmmEvent.MigrationTargetCheckDue due => IsMigratingOut(vmm, due.MigrationId) && vmm.MigrationTarget is { } target
                ? Unchanged(vmm) with { ProbeTarget = new MigrationTargetProbe(target, due.MigrationId) }
                : Unchanged(vmm),
            SledVmmEvent.MigrationTargetObserved observed => ObserveMigrationTarget(vmm, observed, now, timings),
            SledVmmEvent.MigrationOutFinished finished => FinishMigrationOut(vmm, finished, now, timings),
            SledVmmEvent.Crashed crashed => vmm.IsTerminal ? Unchanged(vmm) : Changed(Observe(vmm, VmmState.Failed, now, crashed.Reason)),
            SledVmmEvent.GuestShutdown => vmm.Runtime.State is VmmState.Running or VmmState.Rebooting
                ? Changed(Observe(vmm, VmmState.Stopping, now), new ScheduledSledVmmEvent(timings.StopDuration, new SledVmmEvent.RundownCompleted()))
                : Unchanged(vmm),
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event, "Unknown sled VMM event."),
        };
    }

    private static SledVmmTransition RequestRunning(SledVmm vmm, VmmOptions timings) => vmm.Runtime.State switch
    {
        VmmState.Starting when !vmm.Booting =>
            Unchanged(vmm with { Booting = true }) with { Scheduled = [new ScheduledSledVmmEvent(timings.BootDuration, new SledVmmEvent.BootCompleted())] },
        VmmState.Starting or VmmState.Running or VmmState.Rebooting or VmmState.Migrating => Unchanged(vmm),
        _ => Refused(vmm, $"cannot run a VMM that is {Name(vmm.Runtime.State)}"),
    };

    private static SledVmmTransition RequestStop(SledVmm vmm, DateTimeOffset now, VmmOptions timings)
    {
        if (vmm.IsTerminal || vmm.Runtime.State is VmmState.Stopping or VmmState.Stopped)
        {
            return Unchanged(vmm);
        }

        if (vmm.Runtime.State == VmmState.Starting && !vmm.Booting)
        {
            // No Propolis zone exists yet: the sled forces destroyed at once.
            return Changed(Observe(vmm, VmmState.Destroyed, now));
        }

        var stopping = Observe(vmm with { Booting = false }, VmmState.Stopping, now);
        ScheduledSledVmmEvent grace = new(timings.StopGraceTimeout, new SledVmmEvent.StopGraceExpired());
        return vmm.Faults.HasFlag(SledVmmFaults.StopHangs)
            ? Changed(stopping, grace)
            : Changed(stopping, grace, new ScheduledSledVmmEvent(timings.StopDuration, new SledVmmEvent.PropolisStopped()));
    }

    private static SledVmmTransition RequestReboot(SledVmm vmm, DateTimeOffset now, VmmOptions timings) => vmm.Runtime.State switch
    {
        VmmState.Running => Changed(Observe(vmm, VmmState.Rebooting, now), new ScheduledSledVmmEvent(timings.RebootDuration, new SledVmmEvent.RebootCompleted())),
        VmmState.Rebooting => Unchanged(vmm),
        _ => Refused(vmm, $"cannot reboot a VMM that is {Name(vmm.Runtime.State)}"),
    };

    private static SledVmmTransition RequestMigrationTarget(SledVmm vmm, VmmStateRequested.MigrationTarget target, DateTimeOffset now, VmmOptions timings)
    {
        if (vmm.MigrationIn is not { } migrationIn || vmm.Runtime.State != VmmState.Migrating)
        {
            return Refused(vmm, "the VMM was not registered as a migration target");
        }

        if (migrationIn.State != MigrationState.Pending)
        {
            return Unchanged(vmm); // Already started: idempotent.
        }

        var started = Observe(vmm, VmmState.Migrating, now) with
        {
            // The first real observation jumps to generation 2 so that it beats Nexus's pending/1 row.
            MigrationIn = Side(migrationIn, MigrationState.InProgress, now, atLeast: 2),
            MigrationSourceVmmId = target.SourceVmmId,
            MigrationSourceSledId = target.SourceSledId,
        };
        return Changed(started, new ScheduledSledVmmEvent(timings.MigrationDuration, new SledVmmEvent.MigrationInFinished())) with
        {
            ToSource = new MigrationSourceMessage(target.SourceSledId, target.SourceVmmId, new SledVmmEvent.MigrationOutStarted(migrationIn.MigrationId)),
        };
    }

    private static SledVmmTransition StartMigrationOut(SledVmm vmm, SledVmmEvent.MigrationOutStarted started, DateTimeOffset now, VmmOptions timings)
    {
        var migrationId = started.MigrationId;
        if (vmm.MigrationOut is { } existing && existing.MigrationId == migrationId)
        {
            return Unchanged(vmm);
        }

        if (vmm.Runtime.State != VmmState.Running)
        {
            return Refused(vmm, $"cannot migrate out of a VMM that is {Name(vmm.Runtime.State)}");
        }

        // A source creates its side lazily at generation 2 (a new migration id resets it).
        var side = new MigrationRuntimeState { MigrationId = migrationId, State = MigrationState.InProgress, Gen = new Generation(2), TimeUpdated = now };
        var migrating = Observe(vmm, VmmState.Migrating, now) with { MigrationOut = side, MigrationTarget = started.Target };
        return started.Target is null ? Changed(migrating) : Changed(migrating, NextTargetCheck(migrationId, timings));
    }

    /// <summary>
    /// A source that looked at its target: a target still migrating is looked at again; one that completed finishes the
    /// migration (its own message may have been lost with its silo); one that failed or is gone fails it, and the source
    /// runs on. Stale observations (another migration, or this one already over) change nothing.
    /// </summary>
    private static SledVmmTransition ObserveMigrationTarget(SledVmm vmm, SledVmmEvent.MigrationTargetObserved observed, DateTimeOffset now, VmmOptions timings) =>
        !IsMigratingOut(vmm, observed.MigrationId)
            ? Unchanged(vmm)
            : observed.TargetSide switch
            {
                MigrationState.Pending or MigrationState.InProgress => Unchanged(vmm) with { Scheduled = [NextTargetCheck(observed.MigrationId, timings)] },
                MigrationState.Completed => FinishMigrationOut(vmm, new SledVmmEvent.MigrationOutFinished(observed.MigrationId, Succeeded: true), now, timings),
                _ => FinishMigrationOut(vmm, new SledVmmEvent.MigrationOutFinished(observed.MigrationId, Succeeded: false), now, timings),
            };

    private static bool IsMigratingOut(SledVmm vmm, Guid migrationId) =>
        !vmm.IsTerminal && vmm.MigrationOut is { State: MigrationState.InProgress } side && side.MigrationId == migrationId;

    private static ScheduledSledVmmEvent NextTargetCheck(Guid migrationId, VmmOptions timings) =>
        new(timings.MigrationTargetCheckPeriod, new SledVmmEvent.MigrationTargetCheckDue(migrationId));

    private static SledVmmTransition FinishMigrationIn(SledVmm vmm, DateTimeOffset now, VmmOptions timings)
    {
        _ = timings;
        if (vmm.IsTerminal || vmm.MigrationIn is not { State: MigrationState.InProgress } migrationIn)
        {
            return Unchanged(vmm);
        }

        var succeeded = !vmm.Faults.HasFlag(SledVmmFaults.MigrationFails);
        var message = vmm.MigrationSourceSledId is { } sourceSled && vmm.MigrationSourceVmmId is { } sourceVmm
            ? new MigrationSourceMessage(sourceSled, sourceVmm, new SledVmmEvent.MigrationOutFinished(migrationIn.MigrationId, succeeded))
            : null;
        var finished = succeeded
            ? Observe(vmm with { MigrationIn = Side(migrationIn, MigrationState.Completed, now) }, VmmState.Running, now)
            : Observe(vmm with { MigrationIn = Side(migrationIn, MigrationState.Failed, now) }, VmmState.Destroyed, now);
        return Changed(finished) with { ToSource = message };
    }

    private static SledVmmTransition FinishMigrationOut(SledVmm vmm, SledVmmEvent.MigrationOutFinished finished, DateTimeOffset now, VmmOptions timings)
    {
        if (vmm.IsTerminal || vmm.MigrationOut is not { State: MigrationState.InProgress } side || side.MigrationId != finished.MigrationId)
        {
            return Unchanged(vmm);
        }

        if (!finished.Succeeded)
        {
            return Changed(Observe(vmm with { MigrationOut = Side(side, MigrationState.Failed, now) }, VmmState.Running, now));
        }

        // Propolis reports Stopped after handing the guest over; the sled maps it to stopping, then rundown destroys it.
        var completed = Observe(vmm with { MigrationOut = Side(side, MigrationState.Completed, now) }, VmmState.Stopping, now);
        return Changed(completed, new ScheduledSledVmmEvent(timings.StopDuration, new SledVmmEvent.RundownCompleted()));
    }

    /// <summary>One observation: generation + 1; a halt forces unfinished migration sides to failed.</summary>
    private static SledVmm Observe(SledVmm vmm, VmmState state, DateTimeOffset now, string? failureReason = null)
    {
        var next = vmm with
        {
            Runtime = new VmmRuntimeState { State = state, Gen = vmm.Runtime.Gen.Next(), TimeUpdated = now, FailureReason = state == VmmState.Failed ? failureReason : null },
        };
        if (!next.IsTerminal)
        {
            return next;
        }

        return next with
        {
            Booting = false,
            MigrationIn = next.MigrationIn is { State: MigrationState.Pending or MigrationState.InProgress } migrationIn ? Side(migrationIn, MigrationState.Failed, now) : next.MigrationIn,
            MigrationOut = next.MigrationOut is { State: MigrationState.Pending or MigrationState.InProgress } migrationOut ? Side(migrationOut, MigrationState.Failed, now) : next.MigrationOut,
        };
    }

    private static MigrationRuntimeState Side(MigrationRuntimeState side, MigrationState state, DateTimeOffset now, long atLeast = 1) => side with
    {
        State = state,
        Gen = new Generation(Math.Max(side.Gen.Value + 1, atLeast)),
        TimeUpdated = now,
    };

    private static SledVmmTransition Changed(SledVmm vmm, params ScheduledSledVmmEvent[] scheduled) =>
        new() { Vmm = vmm, Changed = true, Scheduled = [.. scheduled] };

    private static SledVmmTransition Unchanged(SledVmm vmm) => new() { Vmm = vmm, Changed = false };

    private static SledVmmTransition Refused(SledVmm vmm, string reason) => new() { Vmm = vmm, Changed = false, Refusal = reason };

    private static string Name(VmmState state) => state.ToString().ToLowerInvariant();
}
