using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Timers;
using Orleans;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using V1 = ControlPlane.Grains.Abstractions.Vmms.V1;
using V2 = ControlPlane.Grains.Abstractions.Vmms.V2;

namespace ControlPlane.Grains.Vmms.Nexus;

/// <summary>
/// The Nexus side of one VMM: a thin shell over <see cref="VmmUpdateRules"/> and <see cref="DoorbellCoalescer"/>.
/// A doorbell returns at once; the pull runs as a grain timer turn (so it never waits on the caller), at the
/// newest version both sides support; a newer state is persisted, the sled is told a terminal state has been
/// saved, and the instance is told (one-way) when a VMM or migration side became terminal.
/// </summary>
public sealed class VmmGrain(
    [PersistentState("vmm")] IPersistentState<VmmGrainState> state,
    IOptions<VmmOptions> options,
    TimeProvider clock,
    ILogger<VmmGrain> logger) : Grain, IVmmGrain
{
    private readonly VmmOptions settings = options.Value;
    private DoorbellCoalescer coalescer;
    private long applied;
    private int? negotiatedVersion;
    private readonly List<System.Diagnostics.ActivityContext> ringsToAnswer = [];

    /// <summary>At most this many rings are linked from one pull (a burst coalesces into one pull).</summary>
    private const int MaxLinkedRings = 16;

    private Guid VmmId => this.GetPrimaryKey();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Count();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Diagnostics.ControlPlaneMetrics.Vmms.Deactivated(VmmId, reason);
        return Task.CompletedTask;
    }

    public async Task<VmmView> Initialize(VmmInitialization initialization)
    {
        ArgumentNullException.ThrowIfNull(initialization);
        if (state.State.Vmm is { } existing)
        {
            return existing;
        }

        var created = VmmUpdateRules.Create(VmmId, initialization, clock.GetUtcNow());
        state.State = new VmmGrainState { Vmm = created };
        await state.WriteStateAsync();
        Count();
        await Watcher().Track(VmmId);
        return created;
    }

    public Task Ring()
    {
        Diagnostics.ControlPlaneMetrics.DoorbellReceived();
        if (ringsToAnswer.Count < MaxLinkedRings && Diagnostics.ControlPlaneActivities.CurrentContext() is { } ring && ring != default)
        {
            ringsToAnswer.Add(ring);
        }

        (coalescer, var start) = coalescer.Ring();
        if (start)
        {
            StartPull();
        }

        return Task.CompletedTask;
    }

    public Task PutLegacy(V1.SledVmmState ignoredBody) => Ring();

    public Task<VmmView?> Get() => Task.FromResult(state.State.Vmm);

    public async Task<VmmApplyResult> Apply(SledVmmState sledState)
    {
        ArgumentNullException.ThrowIfNull(sledState);
        var result = VmmUpdateRules.Apply(Known(), sledState);
        await Persist(result, notifyInstance: false);
        return result;
    }

    public async Task<VmmApplyResult> MarkFailed(VmmFailureReason reason)
    {
        var result = VmmUpdateRules.MarkFailed(Known(), reason, clock.GetUtcNow());
        await Persist(result, notifyInstance: false);
        return result;
    }

    public async Task<VmmView> MarkSagaUnwound()
    {
        var next = VmmUpdateRules.MarkSagaUnwound(Known(), clock.GetUtcNow());
        if (next != state.State.Vmm)
        {
            state.State = new VmmGrainState { Vmm = next };
            await state.WriteStateAsync();
            Count();
            await Watcher().Untrack(VmmId);
        }

        return next;
    }

    public async Task<VmmView> BeginMigrationOut(Guid migrationId)
    {
        var next = VmmUpdateRules.BeginMigrationOut(Known(), migrationId, clock.GetUtcNow());
        if (next != state.State.Vmm)
        {
            state.State = new VmmGrainState { Vmm = next };
            await state.WriteStateAsync();
            Count();
        }

        return next;
    }

    public async Task<VmmCheckOutcome> Check()
    {
        if (state.State.Vmm is not { } current || !VmmStateMapping.IsLive(current))
        {
            if (state.State.Vmm is { Deleted: false } unreleased)
            {
                // The one-way notice sent when it became terminal may have been lost (its instance's silo was dying), or the
                // instance's reconcile may have failed to write: tell it again, every pass, until it releases this VMM.
                // Reconciling is idempotent.
                _ = GrainFactory.GetGrain<IInstanceGrain>(unreleased.InstanceId).VmmUpdated(VmmId); // one-way: returns at once
                return VmmCheckOutcome.AwaitingRelease;
            }

            return VmmCheckOutcome.NotLive;
        }

        SledVmmState? pulled;
        try
        {
            pulled = await PullFromSled(current);
        }
        catch (NoSledHostException)
        {
            // Membership has no live silo hosting the sled (its silo was declared dead): explicit evidence, our stand-in
            // for MGS saying "not A0". A refused connection or a timeout is not evidence and stays inconclusive below.
            await Persist(VmmUpdateRules.MarkFailed(current, VmmFailureReason.SledOff, clock.GetUtcNow()), notifyInstance: true);
            return VmmCheckOutcome.FailedSledOff;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogInformation("Watcher check of VMM {VmmId} inconclusive: {Error}", VmmId, ex.Message);
            return VmmCheckOutcome.Inconclusive;
        }

        if (pulled is null)
        {
            await Persist(VmmUpdateRules.MarkFailed(Known(), VmmFailureReason.NoSuchInstance, clock.GetUtcNow()), notifyInstance: true);
            return VmmCheckOutcome.FailedNoSuchInstance;
        }

        var result = VmmUpdateRules.Apply(Known(), pulled);
        Diagnostics.ControlPlaneMetrics.Pulled(result.VmmUpdated || result.MigrationInUpdated || result.MigrationOutUpdated);
        await Persist(result, notifyInstance: true);
        return result.VmmUpdated || result.MigrationInUpdated || result.MigrationOutUpdated ? VmmCheckOutcome.Applied : VmmCheckOutcome.Unchanged;
    }

    public async Task SoftDelete()
    {
        if (state.State.Vmm is not { Deleted: false } current)
        {
            return;
        }

        state.State = new VmmGrainState { Vmm = current with { Deleted = true } };
        await state.WriteStateAsync();
        Count();
        await Watcher().Untrack(VmmId);
        if (VmmStateMapping.IsTerminal(current.State))
        {
            await AcknowledgeSafely(current);
        }
    }

    public Task<DoorbellStats> GetDoorbellStats() => Task.FromResult(new DoorbellStats
    {
        Doorbells = coalescer.Doorbells,
        Pulls = coalescer.Pulls,
        Applied = applied,
        MaxPendingFollowUps = coalescer.MaxPendingFollowUps,
        Busy = coalescer.Pulling,
    });

    /// <summary>Reports this VMM to the silo's census (the <c>controlplane.vmms</c> gauge); a deleted VMM leaves it.</summary>
    private void Count()
    {
        if (state.State.Vmm is { Deleted: false } vmm)
        {
            Diagnostics.ControlPlaneMetrics.Vmms.Set(VmmId, vmm);
        }
        else
        {
            Diagnostics.ControlPlaneMetrics.Vmms.Remove(VmmId);
        }
    }

    /// <summary>This VMM's watcher shard.</summary>
    private IInstanceWatcherGrain Watcher() => GrainFactory.GetGrain<IInstanceWatcherGrain>(WatcherShard.Of(VmmId, Math.Max(1, settings.WatcherShards)));

    private VmmView Known() => state.State.Vmm ?? throw new InvalidOperationException($"VMM {VmmId} has not been initialized.");

    private void StartPull()
    {
        OneShotTimer.Start(this, TimeSpan.Zero, PullOnce);
    }

    /// <summary>One pull turn; when doorbells arrived meanwhile the coalescer owes exactly one more.</summary>
    private async Task PullOnce(CancellationToken cancellationToken)
    {
        using var pull = Diagnostics.ControlPlaneActivities.StartPull(VmmId, [.. ringsToAnswer]);
        ringsToAnswer.Clear();
        try
        {
            if (state.State.Vmm is { Deleted: false } current && !VmmStateMapping.IsNotOnSled(current.State))
            {
                var pulled = await PullFromSled(current);
                if (pulled is not null)
                {
                    var result = VmmUpdateRules.Apply(Known(), pulled);
                    Diagnostics.ControlPlaneMetrics.Pulled(result.VmmUpdated || result.MigrationInUpdated || result.MigrationOutUpdated);
                    await Persist(result, notifyInstance: true);
                }

                // Null (no such VMM) is left to the watcher: a doorbell is no evidence.
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogInformation(ex, "Pull of VMM {VmmId} failed; the watcher will retry", VmmId);
            Diagnostics.ControlPlaneMetrics.PullFailed();
        }
        finally
        {
            (coalescer, var again) = coalescer.PullFinished();
            if (again)
            {
                StartPull();
            }
        }
    }

    private async Task<SledVmmState?> PullFromSled(VmmView current)
    {
        var sled = GrainFactory.GetSledVmm(current.SledId, VmmId);
        negotiatedVersion ??= SledVmmApiVersion.Negotiate(await sled.GetMaxApiVersion(), settings.NexusMaxApiVersion);
        return negotiatedVersion >= SledVmmApiVersion.V2
            ? await sled.GetStateV2()
            : await sled.GetStateV1() is { } v1 ? V2.SledVmmState.FromV1(v1) : null;
    }

    private async Task Persist(VmmApplyResult result, bool notifyInstance)
    {
        if (!result.VmmUpdated && !result.MigrationInUpdated && !result.MigrationOutUpdated)
        {
            return;
        }

        state.State = new VmmGrainState { Vmm = result.Vmm };
        await state.WriteStateAsync();
        Count();
        applied++;
        Diagnostics.ControlPlaneMetrics.StateApplied(clock.GetUtcNow() - result.Vmm.TimeUpdated);

        // A terminal VMM stays tracked until its instance releases it: each watcher pass repeats the instance notice, so one
        // lost one-way notice or failed reconcile cannot leave the instance believing in a dead VMM.
        if (notifyInstance && result.InstanceUpdateNeeded)
        {
            await GrainFactory.GetGrain<IInstanceGrain>(result.Vmm.InstanceId).VmmUpdated(VmmId);
        }
    }

    private async Task AcknowledgeSafely(VmmView terminal)
    {
        try
        {
            await GrainFactory.GetSledVmm(terminal.SledId, VmmId).AcknowledgeTerminal(terminal.Generation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Sled of VMM {VmmId} did not take the terminal acknowledgement", VmmId);
        }
    }
}
