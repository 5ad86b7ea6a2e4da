using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>The guest-visible half of a disk: virtio-block or NVMe, at a PCI path.</summary>
public abstract record DiskDevice(PciPath PciPath)
{
    /// <summary>A virtio block device.</summary>
    public sealed record Virtio(PciPath PciPath) : DiskDevice(PciPath);

    /// <summary>An NVMe controller with its explicit serial number and whether it reports a volatile write cache (API version 6).</summary>
    public sealed record Nvme(PciPath PciPath, NvmeSerialNumber SerialNumber, bool HasWriteCache = true) : DiskDevice(PciPath);
}
