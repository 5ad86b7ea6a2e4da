namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>What applying a sled state did: which parts were newer, and whether the instance must be recomputed.</summary>
public sealed record VmmApplyResult
{
    public required bool VmmUpdated { get; init; }

    public required bool MigrationInUpdated { get; init; }

    public required bool MigrationOutUpdated { get; init; }

    /// <summary>A VMM or migration side that was updated is now terminal (Omicron's <c>update_saga_needed</c>).</summary>
    public required bool InstanceUpdateNeeded { get; init; }

    public required VmmView Vmm { get; init; }
}
