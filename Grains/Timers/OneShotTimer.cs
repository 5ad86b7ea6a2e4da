using Orleans;

namespace ControlPlane.Grains.Timers;

/// <summary>
/// A grain timer that fires once and then disposes itself: Orleans keeps a fired timer registered, with its memory,
/// until it is disposed, so one timer per pull, doorbell, flush or scheduled event would grow an activation for ever.
/// </summary>
public static class OneShotTimer
{
    /// <summary>Runs <paramref name="work"/> once after <paramref name="due"/> as a turn of <paramref name="grain"/>.</summary>
    public static IGrainTimer Start(Grain grain, TimeSpan due, Func<CancellationToken, Task> work, bool keepAlive = false, bool interleave = false)
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(work);
        var pending = new Pending(work);
        pending.Timer = grain.RegisterGrainTimer(
            static async (pending, cancellationToken) =>
            {
                try
                {
                    await pending.Work(cancellationToken);
                }
                finally
                {
                    pending.Timer?.Dispose();
                }
            },
            pending,
            new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, KeepAlive = keepAlive, Interleave = interleave });
        return pending.Timer;
    }

    /// <summary>
    /// Replaces <paramref name="previous"/> (disposed, fired or not) with a new one whose tick counts as activity: the
    /// instance's restart cooldown and saga-recovery retries each need at most one pending.
    /// </summary>
    public static IGrainTimer Replace(Grain grain, IGrainTimer? previous, TimeSpan due, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        previous?.Dispose();
        return Start(grain, due, _ => work(), keepAlive: true);
    }

    /// <summary>The work and, once registered, the timer that runs it (so the tick can dispose its own timer).</summary>
    private sealed class Pending(Func<CancellationToken, Task> work)
    {
        public Func<CancellationToken, Task> Work { get; } = work;

        public IGrainTimer? Timer { get; set; }
    }
}
