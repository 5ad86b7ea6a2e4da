using Orleans;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>A sled a silo hosts, as configured: its id and capacity.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.sleds.SledDescription")]
public sealed record SledDescription
{
    [Id(0)]
    public required Guid Id { get; init; }

    [Id(1)]
    public required int Cpus { get; init; }

    [Id(2)]
    public required ulong MemoryMib { get; init; }
}
