namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>An NVMe disk (<c>nvme_disk</c>); needs a storage backend and carries an explicit 20-byte serial.</summary>
public sealed partial record NvmeDisk : IComponent
{
    public ComponentKind Kind => ComponentKind.NvmeDisk;

    public required SpecKey BackendId { get; init; }

    public required PciPath PciPath { get; init; }

    public required NvmeSerialNumber SerialNumber { get; init; }
}
