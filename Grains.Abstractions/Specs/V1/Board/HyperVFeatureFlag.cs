using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A Hyper-V enlightenment the guest may be offered.</summary>
[GenerateSerializer, Alias("controlplane.specs.v1.HyperVFeatureFlag")]
public enum HyperVFeatureFlag
{
    /// <summary><c>reference_tsc</c>: the reference TSC page.</summary>
    ReferenceTsc,
}
