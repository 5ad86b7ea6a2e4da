using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>A NIC: one virtio device paired with exactly one viona backend (never DLPI).</summary>
public sealed record Nic
{
    internal Nic()
    {
    }

    public Guid InterfaceId { get; internal init; }

    public PciPath PciPath { get; internal init; }

    public SpecKey BackendKey { get; internal init; } = null!;

    public VirtioNetworkBackend Backend { get; internal init; } = null!;
}
