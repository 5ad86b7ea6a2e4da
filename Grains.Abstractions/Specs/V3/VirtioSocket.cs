namespace ControlPlane.Grains.Abstractions.Specs.V3;

/// <summary>A virtio socket device (<c>virtio_socket</c>, API version 3 and later); at most one per VM.</summary>
public sealed record VirtioSocket : IComponent
{
    public ComponentKind Kind => ComponentKind.VirtioSocket;

    /// <summary>The guest's context id (u64 on the wire; the server accepts 3 to 2^32-1).</summary>
    public required ulong GuestCid { get; init; }

    public required PciPath PciPath { get; init; }
}
