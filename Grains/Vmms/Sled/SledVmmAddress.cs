namespace ControlPlane.Grains.Vmms.Sled;

/// <summary>Where a sled-side VMM lives: its sled and its id (the two parts of its grain key).</summary>
public sealed record SledVmmAddress(Guid SledId, Guid VmmId);
