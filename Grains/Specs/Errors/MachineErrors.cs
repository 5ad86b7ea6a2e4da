using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

// Errors Propolis' builder does not detect: VM creation fails later with a MachineInitError.
// The control plane rejects them up front, each with a precise type (see Grains/Specs/README.md).

/// <summary>vCPU count of 0 or above the silo's limit (254 in Oxide's bhyve).</summary>
public sealed record CpuCountOutOfRange(int Cpus, int Max) : SpecError((SpecKey?)null)
{
    public override string Message => $"{Cpus} vCPUs is outside 1 to {Max}";
}

/// <summary>Zero guest memory.</summary>
public sealed record MemorySizeInvalid(ulong MemoryMib) : SpecError((SpecKey?)null)
{
    public override string Message => $"{MemoryMib} MiB of guest memory is not allowed";
}

/// <summary>A device at a chipset-owned address (0.0.0 host bridge, 0.1.0 LPC/ISA, 0.1.3 power management).</summary>
public sealed record PciPathReserved(PciPath Path, SpecKey Key) : SpecError(Key)
{
    public override string Message => $"PCI path {Path} of `{Key}` is reserved by the chipset";
}

/// <summary>A device on a bus that no PCI-PCI bridge creates.</summary>
public sealed record PciBusNotFound(PciPath Path, SpecKey Key) : SpecError(Key)
{
    public override string Message => $"`{Key}` is at {Path}, but no bridge creates bus {Path.Bus}";
}

/// <summary>A bridge whose downstream bus is the root bus or already created by another bridge.</summary>
public sealed record PciBusInUse(byte Bus, SpecKey Key, SpecKey? ExistingComponent) : SpecError(Key)
{
    public override string Message => ExistingComponent is null
        ? $"bridge `{Key}` cannot create bus {Bus}: it is the root bus"
        : $"bridge `{Key}` creates bus {Bus}, which `{ExistingComponent}` already creates";
}

/// <summary>A boot disk behind a bridge (the firmware boots only from the root bus).</summary>
public sealed record BootDeviceOnDownstreamBus(SpecKey Disk, PciPath Path, SpecKey Key) : SpecError(Key)
{
    public override string Message => $"boot disk `{Disk}` is at {Path}, not on the root bus";
}

/// <summary>A Crucible volume construction request that is not a JSON object. The payload itself is never quoted.</summary>
public sealed record CrucibleRequestInvalid(SpecKey Key) : SpecError(Key)
{
    public override string Message => $"request_json of Crucible backend `{Key}` is not a JSON object";
}

/// <summary>Two Crucible backends for one volume id.</summary>
public sealed record DuplicateCrucibleVolumeId(Guid VolumeId, SpecKey Key, SpecKey ExistingComponent) : SpecError(Key)
{
    public override string Message => $"Crucible backend `{Key}` opens volume {VolumeId}, which `{ExistingComponent}` already opens";
}

/// <summary>A blob backend whose payload is not base64. The payload itself is never quoted.</summary>
public sealed record BlobBase64Invalid(SpecKey Key) : SpecError(Key)
{
    public override string Message => $"base64 of blob backend `{Key}` is not valid base64";
}

/// <summary>A vsock guest CID outside 3 to 2^32-2.</summary>
public sealed record VsockGuestCidInvalid(ulong GuestCid, SpecKey Key) : SpecError(Key)
{
    public override string Message => $"guest CID {GuestCid} of `{Key}` is reserved or too large (3 to {VsockDevice.MaxGuestCid})";
}

/// <summary>A SoftNPU PCI port without the SoftNPU P9 device it loads its program through.</summary>
public sealed record SoftNpuP9Missing(SpecKey Key) : SpecError(Key)
{
    public override string Message => $"SoftNPU PCI port `{Key}` has ports and so needs a soft_npu_p9 device";
}

/// <summary>A simple-request slot that Nexus' slot-to-PCI map does not have.</summary>
public sealed record PciSlotInvalid(int Slot, string DeviceKind, SpecKey Key) : SpecError(Key)
{
    public override string Message => $"{DeviceKind} `{Key}` has slot {Slot}, which has no PCI address";
}
