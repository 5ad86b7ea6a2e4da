using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>Reserve room for one VMM: on a named sled, or on the reachable sled with the most free capacity.</summary>
public sealed record SledReservationRequest
{
    public required Guid VmmId { get; init; }

    public required int Cpus { get; init; }

    public required ulong MemoryMib { get; init; }

    /// <summary>The sled to use (migration target); null lets the inventory choose.</summary>
    public Guid? SledId { get; init; }

    /// <summary>Sleds not to choose (the migration source).</summary>
    public ValueList<Guid> ExcludedSledIds { get; init; } = ValueList<Guid>.Empty;
}
