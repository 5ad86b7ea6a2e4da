using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Timers;
using Orleans;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Grains.Vmms.Watcher;

/// <summary>
/// One shard of the instance watcher (<see cref="WatcherShard"/>, <see cref="VmmOptions.WatcherShards"/> of them): every
/// period, checks each of its VMMs (at most <see cref="VmmOptions.WatcherConcurrency"/> at once) through
/// <see cref="IVmmGrain.Check"/>, which alone decides what counts as evidence. VMMs that are no longer live are dropped.
/// Enrolment interleaves with passes and is persisted by a coalesced write turn of this shard's set only (about N /
/// shards ids), so no write grows with the whole fleet. Passes run on a grain timer, which dies with the hosting silo;
/// while the shard is not empty a reminder (durable, owned by whichever silo holds its range) reactivates it within
/// <see cref="VmmOptions.WatcherReminderPeriod"/> after that silo dies. An empty shard drops its reminder and deactivates.
/// </summary>
public sealed class InstanceWatcherGrain(
    [PersistentState("instance-watcher")] IPersistentState<InstanceWatcherState> state,
    IOptions<VmmOptions> options,
    ILogger<InstanceWatcherGrain> logger) : Grain, IInstanceWatcherGrain, IRemindable
{
    private readonly VmmOptions settings = options.Value;
    private readonly HashSet<Guid> vmms = [];
    private bool flushOwed;
    private bool reminderRegistered;
    private bool reminderBusy;

    /// <summary>The reminder that keeps a non-empty shard alive across silo failures.</summary>
    public const string KeepAliveReminder = "watcher-keep-alive";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        vmms.UnionWith(state.State.Vmms);
        // Shards activated together (a fleet pass, a failover) spread their passes over one period instead of all at once.
        var due = settings.WatcherPeriod * Random.Shared.NextDouble();
        this.RegisterGrainTimer(async _ => await Pass(), new GrainTimerCreationOptions { DueTime = due, Period = settings.WatcherPeriod, KeepAlive = true });
        reminderRegistered = await this.GetReminder(KeepAliveReminder) is not null;
        await ReconcileReminder();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (flushOwed)
        {
            await Flush();
        }
    }

    /// <summary>The tick only has to reach the grain: activating it restarted the pass timer.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    public async Task Track(Guid vmmId)
    {
        if (vmms.Add(vmmId))
        {
            OweFlush();
            await ReconcileReminder();
        }
    }

    public Task Untrack(Guid vmmId)
    {
        if (vmms.Remove(vmmId))
        {
            OweFlush();
        }

        return Task.CompletedTask;
    }

    public Task<ValueList<Guid>> Tracked() => Task.FromResult<ValueList<Guid>>([.. vmms.Order()]);

    public Task<WatcherPassReport> RunPass() => Pass();

    private async Task<WatcherPassReport> Pass()
    {
        using var span = Diagnostics.ControlPlaneActivities.StartWatcherPass(vmms.Count);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcomes = await BoundedChecks.RunAsync(vmms.ToList(), Math.Max(1, settings.WatcherConcurrency), CheckOne);
        foreach (var (vmmId, outcome) in outcomes)
        {
            if (outcome is VmmCheckOutcome.NotLive)
            {
                await Untrack(vmmId);
            }
        }

        var report = WatcherPassTally.Tally([.. outcomes.Select(o => o.Outcome)]);
        Diagnostics.ControlPlaneMetrics.WatcherPassed(System.Diagnostics.Stopwatch.GetElapsedTime(started), report.Checked);
        logger.LogDebug("Watcher shard {Shard} pass: {Report}", this.GetPrimaryKeyLong(), report);
        if (vmms.Count == 0)
        {
            await Retire();
        }

        return report;
    }

    private async Task<(Guid VmmId, VmmCheckOutcome Outcome)> CheckOne(Guid vmmId)
    {
        try
        {
            return (vmmId, await GrainFactory.GetGrain<IVmmGrain>(vmmId).Check());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogInformation(ex, "Watcher could not check VMM {VmmId}", vmmId);
            return (vmmId, VmmCheckOutcome.Inconclusive);
        }
    }

    /// <summary>An empty shard persists that, drops its reminder and leaves memory; a later Track reactivates it.</summary>
    private async Task Retire()
    {
        if (flushOwed || state.State.Vmms.Count > 0)
        {
            await Flush();
        }

        await ReconcileReminder();
        if (vmms.Count == 0 && !reminderRegistered)
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>Registers the keep-alive while the shard has VMMs and unregisters it when empty; one change at a time.</summary>
    private async Task ReconcileReminder()
    {
        if (reminderBusy)
        {
            return; // the running loop re-reads the set before it stops
        }

        reminderBusy = true;
        try
        {
            while (reminderRegistered != (vmms.Count > 0))
            {
                if (vmms.Count > 0)
                {
                    await this.RegisterOrUpdateReminder(KeepAliveReminder, settings.WatcherReminderPeriod, settings.WatcherReminderPeriod);
                    reminderRegistered = true;
                }
                else
                {
                    if (await this.GetReminder(KeepAliveReminder) is { } reminder)
                    {
                        await this.UnregisterReminder(reminder);
                    }

                    reminderRegistered = false;
                }
            }
        }
        finally
        {
            reminderBusy = false;
        }
    }

    private void OweFlush()
    {
        if (flushOwed)
        {
            return;
        }

        flushOwed = true;
        OneShotTimer.Start(this, TimeSpan.Zero, async _ =>
        {
            if (flushOwed)
            {
                await Flush();
            }
        });
    }

    private async Task Flush()
    {
        flushOwed = false;
        state.State = new InstanceWatcherState { Vmms = [.. vmms.Order()] };
        await state.WriteStateAsync();
    }
}
