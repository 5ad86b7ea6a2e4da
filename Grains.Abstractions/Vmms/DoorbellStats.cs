namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>Counters of one VMM activation's doorbell handling, showing that doorbells coalesce into few pulls.</summary>
public sealed record DoorbellStats
{
    public required long Doorbells { get; init; }

    public required long Pulls { get; init; }

    /// <summary>Pulls whose result was applied (generation strictly newer).</summary>
    public required long Applied { get; init; }

    /// <summary>The most follow-up pulls ever owed at once (the coalescer's queue); never above 1.</summary>
    public required int MaxPendingFollowUps { get; init; }

    /// <summary>Whether a pull is running or owed right now.</summary>
    public required bool Busy { get; init; }
}
