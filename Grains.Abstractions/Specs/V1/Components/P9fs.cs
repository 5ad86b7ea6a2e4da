using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A 9P file system share (<c>p9fs</c>, falcon family).</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.P9fs")]
public sealed partial record P9fs : IComponent
{
    public ComponentKind Kind => ComponentKind.P9fs;

    [Id(0)]
    public required string Source { get; init; }

    [Id(1)]
    public required string Target { get; init; }

    [Id(2)]
    public required uint ChunkSize { get; init; }

    [Id(3)]
    public required PciPath PciPath { get; init; }
}
