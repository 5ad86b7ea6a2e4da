using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A virtio network device (<c>virtio_nic</c>); needs a <c>virtio_network_backend</c>.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.VirtioNic")]
public sealed partial record VirtioNic : IComponent
{
    public ComponentKind Kind => ComponentKind.VirtioNic;

    [Id(0)]
    public required SpecKey BackendId { get; init; }

    /// <summary>Only tags metrics; normalised to lowercase on output.</summary>
    [Id(1)]
    public required Guid InterfaceId { get; init; }

    [Id(2)]
    public required PciPath PciPath { get; init; }
}
