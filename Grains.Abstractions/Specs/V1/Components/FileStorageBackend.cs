using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A host file used as a disk (<c>file_storage_backend</c>).</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.FileStorageBackend")]
public sealed partial record FileStorageBackend : IComponent
{
    public ComponentKind Kind => ComponentKind.FileStorageBackend;

    [Id(0)]
    public required string Path { get; init; }

    [Id(1)]
    public required bool Readonly { get; init; }

    /// <summary>Block size in bytes (required on the wire since Propolis #917).</summary>
    [Id(2)]
    public required uint BlockSize { get; init; }

    /// <summary>Worker count; null means the server default. Never zero.</summary>
    [Id(3)]
    public FileBackendWorkers? Workers { get; init; }
}
