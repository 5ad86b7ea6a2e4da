using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V3;

/// <summary>A virtio socket device (<c>virtio_socket</c>, API version 3 and later); at most one per VM.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v3.VirtioSocket")]
public sealed partial record VirtioSocket : IComponent
{
    public ComponentKind Kind => ComponentKind.VirtioSocket;

    /// <summary>The guest's context id (u64 on the wire; the server accepts 3 to 2^32-1).</summary>
    [Id(0)]
    public required ulong GuestCid { get; init; }

    [Id(1)]
    public required PciPath PciPath { get; init; }
}
