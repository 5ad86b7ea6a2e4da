using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V6;

/// <summary>
/// API version 6's NVMe disk: version 1's plus the required <c>has_write_cache</c> (whether the controller reports a
/// volatile write cache; Omicron sets false only for storage that loses no accepted write).
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v6.NvmeDisk")]
public sealed record NvmeDisk : IComponent
{
    public ComponentKind Kind => ComponentKind.NvmeDisk;

    [Id(0)]
    public required SpecKey BackendId { get; init; }

    [Id(1)]
    public required PciPath PciPath { get; init; }

    [Id(2)]
    public required V1.NvmeSerialNumber SerialNumber { get; init; }

    [Id(3)]
    public required bool HasWriteCache { get; init; }

    /// <summary>Up-conversion: before version 6 every NVMe disk reported a write cache.</summary>
    public static NvmeDisk FromV1(V1.NvmeDisk disk)
    {
        ArgumentNullException.ThrowIfNull(disk);
        return new NvmeDisk { BackendId = disk.BackendId, PciPath = disk.PciPath, SerialNumber = disk.SerialNumber, HasWriteCache = true };
    }

    /// <summary>Down-conversion, only when nothing is lost (the write cache reported, as version 5 always does).</summary>
    public bool TryToV1(out V1.NvmeDisk? disk)
    {
        disk = HasWriteCache ? new V1.NvmeDisk { BackendId = BackendId, PciPath = PciPath, SerialNumber = SerialNumber } : null;
        return disk is not null;
    }
}
