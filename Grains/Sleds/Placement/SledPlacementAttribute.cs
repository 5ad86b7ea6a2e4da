using Orleans.Placement;

namespace ControlPlane.Grains.Sleds.Placement;

/// <summary>Marks a grain class whose key extension names the sled it must run beside (<see cref="SledPlacementStrategy"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SledPlacementAttribute : PlacementAttribute
{
    public SledPlacementAttribute()
        : base(SledPlacementStrategy.Instance)
    {
    }
}
