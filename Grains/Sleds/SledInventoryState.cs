using Orleans;
using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Sleds;

/// <summary>The persisted inventory: every announced sled and every reservation.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.SledInventoryState")]
public sealed record SledInventoryState
{
    [Id(0)]
    public ValueList<HostedSled> Sleds { get; init; } = ValueList<HostedSled>.Empty;

    [Id(1)]
    public ValueList<SledReservation> Reservations { get; init; } = ValueList<SledReservation>.Empty;
}
