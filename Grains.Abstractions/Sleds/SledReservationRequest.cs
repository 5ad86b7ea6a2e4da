using ControlPlane.Grains.Abstractions.Specs;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>Reserve room for one VMM: on a named sled, or on the reachable sled with the most free capacity.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.sleds.SledReservationRequest")]
public sealed record SledReservationRequest
{
    [Id(0)]
    public required Guid VmmId { get; init; }

    [Id(1)]
    public required int Cpus { get; init; }

    [Id(2)]
    public required ulong MemoryMib { get; init; }

    /// <summary>The sled to use (migration target); null lets the inventory choose.</summary>
    [Id(3)]
    public Guid? SledId { get; init; }

    /// <summary>Sleds not to choose (the migration source).</summary>
    [Id(4)]
    public ValueList<Guid> ExcludedSledIds { get; init; } = ValueList<Guid>.Empty;
}
