namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A PCI-PCI bridge (<c>pci_pci_bridge</c>) that creates logical bus <see cref="DownstreamBus"/>.</summary>
public sealed partial record PciPciBridge : IComponent
{
    public ComponentKind Kind => ComponentKind.PciPciBridge;

    public required byte DownstreamBus { get; init; }

    public required PciPath PciPath { get; init; }
}
