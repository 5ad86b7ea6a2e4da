namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>One CPUID leaf (and optional subleaf) with the register values the guest reads.</summary>
public sealed record CpuidEntry
{
    public required uint Leaf { get; init; }

    /// <summary>Null for a leaf that has no subleaves.</summary>
    public uint? Subleaf { get; init; }

    public required uint Eax { get; init; }

    public required uint Ebx { get; init; }

    public required uint Ecx { get; init; }

    public required uint Edx { get; init; }
}
