using Orleans;

namespace ControlPlane.Grains.Sleds.Reservations;

/// <summary>
/// Where one VMM holds (or is taking) capacity. <see cref="Recorded"/> false: a take on <see cref="SledId"/> may be in
/// flight (written before the take, so a retry after a crash goes back to the same sled, which knows whether it took).
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.SledReservationRecord")]
public sealed record SledReservationRecord
{
    [Id(0)]
    public required Guid SledId { get; init; }

    [Id(1)]
    public required int Cpus { get; init; }

    [Id(2)]
    public required ulong MemoryMib { get; init; }

    [Id(3)]
    public required bool Recorded { get; init; }

    [Id(4)]
    public int SledCpus { get; init; }

    [Id(5)]
    public ulong SledMemoryMib { get; init; }
}

/// <summary>The persisted reservation of one VMM; null when it holds none.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.SledReservationState")]
public sealed record SledReservationState
{
    [Id(0)]
    public SledReservationRecord? Reservation { get; init; }
}
