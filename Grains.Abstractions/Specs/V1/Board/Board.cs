using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>The mainboard every VM has: vCPUs, memory, chipset, hypervisor interface and CPUID.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.Board")]
public sealed record Board
{
    /// <summary>vCPU count (u8 on the wire).</summary>
    [Id(0)]
    public required byte Cpus { get; init; }

    /// <summary>Guest RAM in MiB.</summary>
    [Id(1)]
    public required ulong MemoryMb { get; init; }

    [Id(2)]
    public required I440Fx Chipset { get; init; }

    /// <summary>Defaults to bhyve's interface; omitted on output when default.</summary>
    [Id(3)]
    public GuestHypervisorInterface GuestHvInterface { get; init; } = GuestHypervisorInterface.Bhyve.Instance;

    /// <summary>Explicit CPUID; null means "use the host's defaults" (filled in by the server).</summary>
    [Id(4)]
    public Cpuid? Cpuid { get; init; }
}
