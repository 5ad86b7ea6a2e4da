using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Instances;

/// <summary>What recomputing an instance from VMM facts requires: the new record (generation + 1 when changed) and the VMMs to release.</summary>
public sealed record InstanceUpdatePlan
{
    public required InstanceRecord Instance { get; init; }

    public required bool Changed { get; init; }

    public ValueList<VmmRelease> Releases { get; init; } = ValueList<VmmRelease>.Empty;
}
