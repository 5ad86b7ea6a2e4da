namespace ControlPlane.Grains.Specs;

/// <summary>
/// What differs between a migration source's spec and the target's, one member per Propolis
/// Era-A incompatibility variant (BoardIncompatibility, CpuidMismatch, CollectionIncompatibility,
/// DiskIncompatibility, NicIncompatibility, SerialPortIncompatibility, BridgeIncompatibility,
/// PvpanicIncompatibility, SoftNpu).
/// </summary>
public enum MigrationMismatchKind
{
    BoardPcieEnabled,
    BoardCpuCount,
    BoardMemorySize,
    CpuidVendor,

    /// <summary>A (leaf, subleaf) present on one side only; <c>leaf x</c> and <c>leaf x subleaf 0</c> are different keys.</summary>
    CpuidLeafSet,
    CpuidValues,
    CollectionLength,
    CollectionKeyAbsent,
    DiskInterface,
    DiskPciPath,
    DiskBackendName,
    DiskBackendKind,
    DiskReadOnly,
    NicPciPath,
    NicBackendName,
    SerialPortNumber,
    SerialPortDevice,
    BridgePciPath,
    BridgeDownstreamBus,
    PvpanicPresence,
    PvpanicName,
    PvpanicEnableIsa,

    /// <summary>Either side has a SoftNPU component (SoftNPU state does not migrate).</summary>
    SoftNpu,

    /// <summary>One NVMe disk reports a volatile write cache and the other does not (API version 6 <c>has_write_cache</c>).</summary>
    DiskWriteCache,
}

/// <summary>
/// One difference that forbids migrating between two specs, with the path of the differing value
/// (<c>board.cpus</c>, <c>nics['nic0'].pci_path</c>) and both sides' values as text.
/// </summary>
public sealed record MigrationMismatch(MigrationMismatchKind Kind, string Path, string? Source, string? Target)
{
    public override string ToString() => $"{Kind} at {Path}: source {Source ?? "absent"}, target {Target ?? "absent"}";
}
