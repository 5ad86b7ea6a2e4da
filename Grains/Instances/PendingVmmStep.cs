using Orleans;

namespace ControlPlane.Grains.Instances;

/// <summary>
/// A start or migration whose side effects (a reservation, a VMM record, a sled registration) may exist but which has
/// not finished, recorded in the instance before the first of them. Found at the start of a later turn it means the
/// activation that ran it died or failed part-way; its undo is run then (the whole of Omicron's saga log this project
/// keeps for now).
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.PendingVmmStep")]
public sealed record PendingVmmStep(
    [property: Id(0)] Guid VmmId,
    [property: Id(1)] PendingVmmStepKind Kind,
    [property: Id(2)] Guid? SledId,
    [property: Id(3)] Guid? MigrationId);

/// <summary>What the pending VMM was for.</summary>
[GenerateSerializer, Alias("controlplane.state.PendingVmmStepKind")]
public enum PendingVmmStepKind
{
    /// <summary>The instance's new active VMM (start, auto-restart).</summary>
    Start,

    /// <summary>A migration's target VMM.</summary>
    MigrationTarget,
}
