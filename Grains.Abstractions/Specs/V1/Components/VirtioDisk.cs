namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A virtio block device (<c>virtio_disk</c>); needs a storage backend.</summary>
public sealed partial record VirtioDisk : IComponent
{
    public ComponentKind Kind => ComponentKind.VirtioDisk;

    public required SpecKey BackendId { get; init; }

    public required PciPath PciPath { get; init; }
}
