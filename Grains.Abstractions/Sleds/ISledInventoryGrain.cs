using ControlPlane.Grains.Abstractions.Specs;
using Orleans;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>
/// The cluster's sleds (key 0): silos announce the sleds they host; lists show each with its usage. Capacity is
/// reserved per VMM (<see cref="ISledReservationGrain"/>) on per-sled counters (<see cref="ISledCapacityGrain"/>).
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
}
