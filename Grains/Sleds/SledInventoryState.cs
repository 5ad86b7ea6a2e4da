using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Sleds;

/// <summary>The persisted inventory: every announced sled and every reservation.</summary>
public sealed record SledInventoryState
{
    public ValueList<HostedSled> Sleds { get; init; } = ValueList<HostedSled>.Empty;

    public ValueList<SledReservation> Reservations { get; init; } = ValueList<SledReservation>.Empty;
}
