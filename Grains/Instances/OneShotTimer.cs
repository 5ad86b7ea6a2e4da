using Orleans;

namespace ControlPlane.Grains.Instances;

/// <summary>
/// A grain timer that fires once and keeps its grain alive until then, replacing the one it supersedes: the instance's
/// restart cooldown and saga-recovery retries each need at most one pending.
/// </summary>
public static class OneShotTimer
{
    public static IGrainTimer Replace(Grain grain, IGrainTimer? previous, TimeSpan due, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(grain);
        previous?.Dispose();
        return grain.RegisterGrainTimer(_ => work(), new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }
}
