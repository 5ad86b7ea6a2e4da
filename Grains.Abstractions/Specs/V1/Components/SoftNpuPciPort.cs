namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>SoftNPU's PCI port (<c>soft_npu_pci_port</c>, falcon family); it also claims COM4.</summary>
public sealed partial record SoftNpuPciPort : IComponent
{
    public ComponentKind Kind => ComponentKind.SoftNpuPciPort;

    public required PciPath PciPath { get; init; }
}
