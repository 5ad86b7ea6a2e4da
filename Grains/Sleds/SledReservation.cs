namespace ControlPlane.Grains.Sleds;

/// <summary>Capacity held on a sled for one VMM.</summary>
public sealed record SledReservation(Guid VmmId, Guid SledId, int Cpus, ulong MemoryMib);
