namespace ControlPlane.Grains.Instances;

/// <summary>
/// A VMM the instance lets go of (Omicron's destroy sub-saga): release its sled reservation and soft-delete
/// its record; when it may still run, also unregister it from its sled.
/// </summary>
public sealed record VmmRelease(Guid VmmId, Guid SledId, bool Unregister);
