using Orleans;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>What one VMM asks of a sled, with the sled's size as announced (so the counters grain needs no copy of it).</summary>
[GenerateSerializer, Immutable, Alias("controlplane.sleds.SledCapacityClaim")]
public sealed record SledCapacityClaim
{
    [Id(0)]
    public required Guid VmmId { get; init; }

    [Id(1)]
    public required int Cpus { get; init; }

    [Id(2)]
    public required ulong MemoryMib { get; init; }

    [Id(3)]
    public int SledCpus { get; init; }

    [Id(4)]
    public ulong SledMemoryMib { get; init; }
}
