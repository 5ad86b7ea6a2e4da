using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>One CPUID leaf (and optional subleaf) with the register values the guest reads.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.CpuidEntry")]
public sealed record CpuidEntry
{
    [Id(0)]
    public required uint Leaf { get; init; }

    /// <summary>Null for a leaf that has no subleaves.</summary>
    [Id(1)]
    public uint? Subleaf { get; init; }

    [Id(2)]
    public required uint Eax { get; init; }

    [Id(3)]
    public required uint Ebx { get; init; }

    [Id(4)]
    public required uint Ecx { get; init; }

    [Id(5)]
    public required uint Edx { get; init; }
}
