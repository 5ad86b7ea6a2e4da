using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>The validated mainboard: vCPU count within the silo's limit, non-zero memory, chipset, hypervisor interface.</summary>
public sealed record SpecBoard
{
    internal SpecBoard()
    {
    }

    public byte Cpus { get; internal init; }

    public ulong MemoryMib { get; internal init; }

    public bool EnablePcie { get; internal init; }

    public GuestHypervisorInterface GuestHvInterface { get; internal init; } = GuestHypervisorInterface.Bhyve.Instance;
}
