using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A PCI-PCI bridge (<c>pci_pci_bridge</c>) that creates logical bus <see cref="DownstreamBus"/>.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.PciPciBridge")]
public sealed partial record PciPciBridge : IComponent
{
    public ComponentKind Kind => ComponentKind.PciPciBridge;

    [Id(0)]
    public required byte DownstreamBus { get; init; }

    [Id(1)]
    public required PciPath PciPath { get; init; }
}
