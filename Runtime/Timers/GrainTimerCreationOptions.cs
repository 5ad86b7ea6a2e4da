namespace ControlPlane.Runtime;

/// <summary>How a grain timer ticks. Timers are local to the activation and die with it.</summary>
public readonly record struct GrainTimerCreationOptions
{
    public GrainTimerCreationOptions()
    {
    }

    /// <summary>Time until the first tick.</summary>
    public TimeSpan DueTime { get; init; } = TimeSpan.Zero;

    /// <summary>Time from the end of one tick to the start of the next; <see cref="Timeout.InfiniteTimeSpan"/> ticks once.</summary>
    public TimeSpan Period { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Whether ticks may interleave with requests (as if [AlwaysInterleave]). Default false.</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether ticks count as activity and so keep the grain from idle collection. Default false.</summary>
    public bool KeepAlive { get; init; }
}

/// <summary>A timer registered by a grain activation; dispose it to stop it.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Reschedules the timer: next tick after <paramref name="dueTime"/>, then every <paramref name="period"/>.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
