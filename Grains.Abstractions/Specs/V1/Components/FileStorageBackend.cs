namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A host file used as a disk (<c>file_storage_backend</c>).</summary>
public sealed partial record FileStorageBackend : IComponent
{
    public ComponentKind Kind => ComponentKind.FileStorageBackend;

    public required string Path { get; init; }

    public required bool Readonly { get; init; }

    /// <summary>Block size in bytes (required on the wire since Propolis #917).</summary>
    public required uint BlockSize { get; init; }

    /// <summary>Worker count; null means the server default. Never zero.</summary>
    public FileBackendWorkers? Workers { get; init; }
}
