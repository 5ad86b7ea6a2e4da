using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>A virtio socket device whose guest CID is usable (3 to 2^32-2; 0-2 and 2^32-1 are reserved).</summary>
public sealed record VsockDevice
{
    /// <summary>Smallest CID a guest may have (0 hypervisor, 1 local, 2 host).</summary>
    public const ulong MinGuestCid = 3;

    /// <summary>Largest CID a guest may have (2^32-1 is VMADDR_CID_ANY).</summary>
    public const ulong MaxGuestCid = uint.MaxValue - 1;

    internal VsockDevice()
    {
    }

    public uint GuestCid { get; internal init; }

    public PciPath PciPath { get; internal init; }
}
