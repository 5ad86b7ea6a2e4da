using System.Collections.Concurrent;
using ControlPlane.Grains.Abstractions.Vmms;
using Orleans.Runtime;
using Orleans.Runtime.Diagnostics;
using Xunit;

namespace ControlPlane.Grains.Tests.Vmms;

/// <summary>
/// Orleans keeps a fired one-shot grain timer registered, with its memory, until it is disposed: a timer per pull,
/// doorbell or scheduled sled event left undisposed grows every VMM activation for as long as it lives.
/// </summary>
public sealed class TimerLeakTests
{
    [Fact]
    public async Task Pulls_doorbells_and_scheduled_sled_events_leave_no_timer_behind()
    {
        var live = new ConcurrentDictionary<IGrainTimer, GrainId>();
        using var subscription = GrainTimerEvents.AllEvents.Subscribe(new TimerObserver(live));
        await using var cluster = await VmmCluster.StartAsync();

        var running = await cluster.RunningInstance("timers-1");
        var vmmId = running.ActiveVmmId!.Value;
        var booted = await cluster.VmmOf(vmmId);
        await cluster.Instance(running.Id).Reboot();
        await cluster.UntilVmm(vmmId, v => v.State == NexusVmmState.Running && v.Generation.Value > booted.Generation.Value, "running again after the reboot");

        // Every pull and ring after the last state change has finished once the sled side has nothing owed.
        await cluster.Until(() => Task.FromResult(Pending(live, "vmm", vmmId) == 0), "no timer left on the VMM", () => $"{Pending(live, "vmm", vmmId)} left");
        Assert.Equal(0, Pending(live, "sledvmm", vmmId)); // its memory is kept by DelayDeactivation, not a timer
    }

    private static int Pending(ConcurrentDictionary<IGrainTimer, GrainId> live, string grainType, Guid key) =>
        live.Values.Count(id => id.Type.ToString() == grainType && id.Key.ToString()!.Contains(key.ToString("N"), StringComparison.OrdinalIgnoreCase));

    private sealed class TimerObserver(ConcurrentDictionary<IGrainTimer, GrainId> live) : IObserver<GrainTimerEvents.TimerEvent>
    {
        public void OnNext(GrainTimerEvents.TimerEvent value)
        {
            switch (value)
            {
                case GrainTimerEvents.Created created:
                    live[created.Timer] = created.GrainContext.GrainId;
                    break;
                case GrainTimerEvents.Disposed disposed:
                    live.TryRemove(disposed.Timer, out _);
                    break;
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
