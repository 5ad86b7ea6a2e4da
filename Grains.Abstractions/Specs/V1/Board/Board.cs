namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>The mainboard every VM has: vCPUs, memory, chipset, hypervisor interface and CPUID.</summary>
public sealed record Board
{
    /// <summary>vCPU count (u8 on the wire).</summary>
    public required byte Cpus { get; init; }

    /// <summary>Guest RAM in MiB.</summary>
    public required ulong MemoryMb { get; init; }

    public required I440Fx Chipset { get; init; }

    /// <summary>Defaults to bhyve's interface; omitted on output when default.</summary>
    public GuestHypervisorInterface GuestHvInterface { get; init; } = GuestHypervisorInterface.Bhyve.Instance;

    /// <summary>Explicit CPUID; null means "use the host's defaults" (filled in by the server).</summary>
    public Cpuid? Cpuid { get; init; }
}
