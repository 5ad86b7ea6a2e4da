using Orleans;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>
/// One VMM's reservation of sled capacity (key: the VMM id). It remembers where the VMM holds capacity, so reserve and
/// release are idempotent per VMM without any list of reservations; the counters live in <see cref="ISledCapacityGrain"/>.
/// </summary>
[Alias("controlplane.ISledReservationGrain")]
public interface ISledReservationGrain : IGrainWithGuidKey
{
    /// <summary>Reserves room for the VMM (idempotent) and returns the sled; <see cref="NoSledCapacityException"/> when none fits.</summary>
    [Alias("Reserve")]
    Task<Guid> Reserve(SledReservationRequest request);

    /// <summary>Gives the VMM's capacity back; no-op when it holds none.</summary>
    [Alias("Release")]
    Task Release();
}
