using Orleans;
using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Sleds;

/// <summary>The persisted inventory: every announced sled (id 1, the reservation list, is retired: reservations are per VMM now).</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.SledInventoryState")]
public sealed record SledInventoryState
{
    [Id(0)]
    public ValueList<HostedSled> Sleds { get; init; } = ValueList<HostedSled>.Empty;
}
