using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Vmms.Sled;

/// <summary>
/// The outcome of one event: the new VMM, whether its served state changed (then the doorbell rings), events
/// to deliver later (the grain turns them into timers) and messages to the migration source.
/// </summary>
public sealed record SledVmmTransition
{
    public required SledVmm Vmm { get; init; }

    public required bool Changed { get; init; }

    public ValueList<ScheduledSledVmmEvent> Scheduled { get; init; } = ValueList<ScheduledSledVmmEvent>.Empty;

    /// <summary>Set when the migration source must be told something (the target drives a migration).</summary>
    public MigrationSourceMessage? ToSource { get; init; }

    /// <summary>Set when a migration source must look at its target (the grain reads it and applies what it saw).</summary>
    public MigrationTargetProbe? ProbeTarget { get; init; }

    /// <summary>Why the request was refused (the VMM is unchanged); null when accepted.</summary>
    public string? Refusal { get; init; }
}

/// <summary>An event to deliver to the same VMM after a delay.</summary>
public sealed record ScheduledSledVmmEvent(TimeSpan Delay, SledVmmEvent Event);

/// <summary>A migration source's request to read its target's migration-in side for <paramref name="MigrationId"/>.</summary>
public sealed record MigrationTargetProbe(SledVmmAddress Target, Guid MigrationId);

/// <summary>A message from a migration target to its source VMM on another (or the same) sled.</summary>
public sealed record MigrationSourceMessage(Guid SourceSledId, Guid SourceVmmId, SledVmmEvent Event);
