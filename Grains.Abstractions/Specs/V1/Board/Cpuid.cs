using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>An explicit CPUID table and the vendor whose conventions interpret its extended leaves.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.Cpuid")]
public sealed record Cpuid
{
    [Id(0)]
    public required ValueList<CpuidEntry> Entries { get; init; }

    [Id(1)]
    public required CpuidVendor Vendor { get; init; }
}
