namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A 9P file system share (<c>p9fs</c>, falcon family).</summary>
public sealed partial record P9fs : IComponent
{
    public ComponentKind Kind => ComponentKind.P9fs;

    public required string Source { get; init; }

    public required string Target { get; init; }

    public required uint ChunkSize { get; init; }

    public required PciPath PciPath { get; init; }
}
