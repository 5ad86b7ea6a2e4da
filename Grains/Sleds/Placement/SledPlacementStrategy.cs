using Orleans.Runtime;

namespace ControlPlane.Grains.Sleds.Placement;

/// <summary>
/// Places a sled-side grain (key extension <c>sled-&lt;id&gt;</c>) only on the live silo whose metadata lists that
/// sled; <see cref="SledPlacementDirector"/> does the choosing. Never moves a running activation.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("controlplane.placement.SledPlacementStrategy")]
public sealed class SledPlacementStrategy : PlacementStrategy
{
    /// <summary>The one instance the attribute and the director share.</summary>
    public static SledPlacementStrategy Instance { get; } = new();

    public override bool IsUsingGrainDirectory => true;
}
