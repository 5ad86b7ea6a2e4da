using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Instances;

/// <summary>A snapshot of the VMM records an instance points at, read before recomputing it.</summary>
public sealed record InstanceVmmFacts
{
    public static InstanceVmmFacts None { get; } = new();

    public VmmView? Active { get; init; }

    public VmmView? Target { get; init; }

    /// <summary>The abandoned former sources that still exist.</summary>
    public ValueList<VmmView> Abandoned { get; init; } = ValueList<VmmView>.Empty;
}
