using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A viona VNIC (<c>virtio_network_backend</c>) backing a virtio NIC.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.VirtioNetworkBackend")]
public sealed partial record VirtioNetworkBackend : IComponent
{
    public ComponentKind Kind => ComponentKind.VirtioNetworkBackend;

    [Id(0)]
    public required string VnicName { get; init; }
}
