using Orleans;

namespace ControlPlane.Grains.Instances;

/// <summary>
/// A VMM the instance lets go of (Omicron's destroy sub-saga): release its sled reservation and soft-delete
/// its record; when it may still run, also unregister it from its sled.
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.VmmRelease")]
public sealed record VmmRelease([property: Id(0)] Guid VmmId, [property: Id(1)] Guid SledId, [property: Id(2)] bool Unregister);
