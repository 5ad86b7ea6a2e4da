using Orleans;
namespace ControlPlane.Grains.Sleds;

/// <summary>Capacity held on a sled for one VMM.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.SledReservation")]
public sealed record SledReservation([property: Id(0)] Guid VmmId, [property: Id(1)] Guid SledId, [property: Id(2)] int Cpus, [property: Id(3)] ulong MemoryMib);
