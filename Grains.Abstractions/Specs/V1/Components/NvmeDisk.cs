using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>An NVMe disk (<c>nvme_disk</c>); needs a storage backend and carries an explicit 20-byte serial.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.NvmeDisk")]
public sealed partial record NvmeDisk : IComponent
{
    public ComponentKind Kind => ComponentKind.NvmeDisk;

    [Id(0)]
    public required SpecKey BackendId { get; init; }

    [Id(1)]
    public required PciPath PciPath { get; init; }

    [Id(2)]
    public required NvmeSerialNumber SerialNumber { get; init; }
}
