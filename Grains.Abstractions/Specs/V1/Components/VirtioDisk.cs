using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A virtio block device (<c>virtio_disk</c>); needs a storage backend.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.VirtioDisk")]
public sealed partial record VirtioDisk : IComponent
{
    public ComponentKind Kind => ComponentKind.VirtioDisk;

    [Id(0)]
    public required SpecKey BackendId { get; init; }

    [Id(1)]
    public required PciPath PciPath { get; init; }
}
