namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A viona VNIC (<c>virtio_network_backend</c>) backing a virtio NIC.</summary>
public sealed partial record VirtioNetworkBackend : IComponent
{
    public ComponentKind Kind => ComponentKind.VirtioNetworkBackend;

    public required string VnicName { get; init; }
}
