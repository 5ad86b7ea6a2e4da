namespace ControlPlane.Grains.Vmms.Nexus;

/// <summary>
/// Turns any number of doorbells into few pulls: a doorbell while idle starts a pull; doorbells while a
/// pull runs owe exactly one follow-up pull (which will see everything they announced), never a queue.
/// Immutable: every transition returns the next value and whether a pull must start now.
/// </summary>
public readonly record struct DoorbellCoalescer
{
    public bool Pulling { get; init; }

    public bool FollowUpOwed { get; init; }

    public long Doorbells { get; init; }

    public long Pulls { get; init; }

    /// <summary>The most follow-ups ever owed at once: 1 at most, by construction.</summary>
    public int MaxPendingFollowUps { get; init; }

    public (DoorbellCoalescer Next, bool StartPull) Ring()
    {
        if (!Pulling)
        {
            return (this with { Doorbells = Doorbells + 1, Pulling = true, Pulls = Pulls + 1 }, true);
        }

        return (this with { Doorbells = Doorbells + 1, FollowUpOwed = true, MaxPendingFollowUps = 1 }, false);
    }

    /// <summary>The running pull ended (applied, stale or failed); starts the owed follow-up if any.</summary>
    public (DoorbellCoalescer Next, bool StartPull) PullFinished()
    {
        if (!Pulling)
        {
            throw new InvalidOperationException("No pull is running.");
        }

        return FollowUpOwed
            ? (this with { FollowUpOwed = false, Pulls = Pulls + 1 }, true)
            : (this with { Pulling = false }, false);
    }
}
