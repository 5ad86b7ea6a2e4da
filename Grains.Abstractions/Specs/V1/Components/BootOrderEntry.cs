using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>One boot order entry: the key of a disk device component.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.BootOrderEntry")]
public sealed record BootOrderEntry
{
    [Id(0)]
    public required SpecKey Id { get; init; }
}
