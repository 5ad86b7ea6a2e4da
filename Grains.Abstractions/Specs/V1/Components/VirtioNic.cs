namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A virtio network device (<c>virtio_nic</c>); needs a <c>virtio_network_backend</c>.</summary>
public sealed partial record VirtioNic : IComponent
{
    public ComponentKind Kind => ComponentKind.VirtioNic;

    public required SpecKey BackendId { get; init; }

    /// <summary>Only tags metrics; normalised to lowercase on output.</summary>
    public required Guid InterfaceId { get; init; }

    public required PciPath PciPath { get; init; }
}
