using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>SoftNPU's PCI port (<c>soft_npu_pci_port</c>, falcon family); it also claims COM4.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.SoftNpuPciPort")]
public sealed partial record SoftNpuPciPort : IComponent
{
    public ComponentKind Kind => ComponentKind.SoftNpuPciPort;

    [Id(0)]
    public required PciPath PciPath { get; init; }
}
