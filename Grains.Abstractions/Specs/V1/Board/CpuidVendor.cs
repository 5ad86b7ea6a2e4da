using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>The CPU vendor of a CPUID table (<c>amd</c> or <c>intel</c>).</summary>
[GenerateSerializer, Alias("controlplane.specs.v1.CpuidVendor")]
public enum CpuidVendor
{
    Amd,
    Intel,
}
