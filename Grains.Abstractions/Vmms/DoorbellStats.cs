using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>Counters of one VMM activation's doorbell handling, showing that doorbells coalesce into few pulls.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.vmms.DoorbellStats")]
public sealed record DoorbellStats
{
    [Id(0)]
    public required long Doorbells { get; init; }

    [Id(1)]
    public required long Pulls { get; init; }

    /// <summary>Pulls whose result was applied (generation strictly newer).</summary>
    [Id(2)]
    public required long Applied { get; init; }

    /// <summary>The most follow-up pulls ever owed at once (the coalescer's queue); never above 1.</summary>
    [Id(3)]
    public required int MaxPendingFollowUps { get; init; }

    /// <summary>Whether a pull is running or owed right now.</summary>
    [Id(4)]
    public required bool Busy { get; init; }
}
