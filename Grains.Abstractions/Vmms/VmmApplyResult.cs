using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>What applying a sled state did: which parts were newer, and whether the instance must be recomputed.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.vmms.VmmApplyResult")]
public sealed record VmmApplyResult
{
    [Id(0)]
    public required bool VmmUpdated { get; init; }

    [Id(1)]
    public required bool MigrationInUpdated { get; init; }

    [Id(2)]
    public required bool MigrationOutUpdated { get; init; }

    /// <summary>A VMM or migration side that was updated is now terminal (Omicron's <c>update_saga_needed</c>).</summary>
    [Id(3)]
    public required bool InstanceUpdateNeeded { get; init; }

    [Id(4)]
    public required VmmView Vmm { get; init; }
}
