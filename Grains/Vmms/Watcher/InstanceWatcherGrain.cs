using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Vmms;
using Orleans;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Grains.Vmms.Watcher;

/// <summary>
/// The instance watcher: every period, checks each tracked VMM (at most <see cref="VmmOptions.WatcherConcurrency"/>
/// at once) through <see cref="IVmmGrain.Check"/>, which alone decides what counts as evidence. VMMs that are
/// no longer live are dropped. Enrolment interleaves with passes and is persisted by a coalesced write turn.
/// Its passes run on a grain timer, which dies with the hosting silo; a reminder (durable, owned by whichever silo
/// holds its range) reactivates it within <see cref="VmmOptions.WatcherReminderPeriod"/> after that silo dies.
/// </summary>
public sealed class InstanceWatcherGrain(
    [PersistentState("instance-watcher")] IPersistentState<InstanceWatcherState> state,
    IOptions<VmmOptions> options,
    ILogger<InstanceWatcherGrain> logger) : Grain, IInstanceWatcherGrain, IRemindable
{
    private readonly VmmOptions settings = options.Value;
    private readonly HashSet<Guid> vmms = [];
    private bool flushOwed;

    /// <summary>The reminder that keeps the watcher alive across silo failures.</summary>
    public const string KeepAliveReminder = "watcher-keep-alive";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        vmms.UnionWith(state.State.Vmms);
        this.RegisterGrainTimer(async _ => await Pass(), new GrainTimerCreationOptions { DueTime = settings.WatcherPeriod, Period = settings.WatcherPeriod, KeepAlive = true });
        await this.RegisterOrUpdateReminder(KeepAliveReminder, settings.WatcherReminderPeriod, settings.WatcherReminderPeriod);
    }

    /// <summary>The tick only has to reach the grain: activating it restarted the pass timer.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    public Task Track(Guid vmmId)
    {
        if (vmms.Add(vmmId))
        {
            OweFlush();
        }

        return Task.CompletedTask;
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
        var outcomes = new List<VmmCheckOutcome>();
        foreach (var batch in vmms.ToList().Chunk(Math.Max(1, settings.WatcherConcurrency)))
        {
            var results = await Task.WhenAll(batch.Select(CheckOne));
            foreach (var (vmmId, outcome) in results)
            {
                outcomes.Add(outcome);
                if (outcome is VmmCheckOutcome.NotLive)
                {
                    await Untrack(vmmId);
                }
            }
        }

        var report = WatcherPassTally.Tally(outcomes);
        Diagnostics.ControlPlaneMetrics.WatcherPassed(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        logger.LogDebug("Watcher pass: {Report}", report);
        return report;
    }

    private async Task<(Guid, VmmCheckOutcome)> CheckOne(Guid vmmId)
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

    private void OweFlush()
    {
        if (flushOwed)
        {
            return;
        }

        flushOwed = true;
        this.RegisterGrainTimer(
            async _ =>
            {
                flushOwed = false;
                state.State = new InstanceWatcherState { Vmms = [.. vmms.Order()] };
                await state.WriteStateAsync();
            },
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan });
    }
}
