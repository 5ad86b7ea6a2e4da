namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>An explicit CPUID table and the vendor whose conventions interpret its extended leaves.</summary>
public sealed record Cpuid
{
    public required ValueList<CpuidEntry> Entries { get; init; }

    public required CpuidVendor Vendor { get; init; }
}
