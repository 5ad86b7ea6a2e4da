using ControlPlane.Grains.Abstractions.Specs;
using Orleans;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>
/// The cluster's sleds and their reservations (key 0). Silos announce the sleds they host; instances
/// reserve capacity before registering a VMM and release it when the VMM is gone.
/// </summary>
[Alias("controlplane.ISledInventoryGrain")]
public interface ISledInventoryGrain : IGrainWithIntegerKey
{
    [Alias("Announce")]
    Task Announce(SledAnnouncement announcement);

    [ReadOnly]
    [Alias("List")]
    Task<ValueList<SledView>> List();

    /// <summary>One sled; <see cref="SledNotFoundException"/> when unknown.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<SledView> Get(Guid sledId);

    /// <summary>Reserves room for a VMM (idempotent per VMM id) and returns the chosen sled; <see cref="NoSledCapacityException"/> when none fits.</summary>
    [Alias("Reserve")]
    Task<Guid> Reserve(SledReservationRequest request);

    /// <summary>Releases a VMM's reservation; no-op when there is none.</summary>
    [Alias("Release")]
    Task Release(Guid vmmId);
}
