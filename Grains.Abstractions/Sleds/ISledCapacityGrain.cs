using Orleans;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>
/// One sled's used capacity as counters (key: the sled id). Every change is one turn of this grain, so two VMMs can never
/// both take the last room. It remembers only VMMs whose take or give is in flight, which makes retries of those
/// steps idempotent without a list of every VMM on the sled. Called by <see cref="ISledReservationGrain"/> only.
/// </summary>
[Alias("controlplane.ISledCapacityGrain")]
public interface ISledCapacityGrain : IGrainWithGuidKey
{
    /// <summary>Takes room for the VMM if it fits within the given capacity; true when taken (also when already taken and in flight).</summary>
    [Alias("Take")]
    Task<bool> Take(SledCapacityClaim claim);

    /// <summary>The VMM's reservation is recorded: its take is no longer in flight.</summary>
    [Alias("Confirm")]
    Task Confirm(Guid vmmId);

    /// <summary>Undoes a take still in flight (the reservation was never recorded); no-op when there is none.</summary>
    [Alias("Cancel")]
    Task Cancel(SledCapacityClaim claim);

    /// <summary>Gives back a recorded reservation's room, once per VMM until <see cref="Forget"/>.</summary>
    [Alias("Give")]
    Task Give(SledCapacityClaim claim);

    /// <summary>The reservation's release is recorded: its give is no longer in flight.</summary>
    [Alias("Forget")]
    Task Forget(Guid vmmId);

    [ReadOnly]
    [Alias("Usage")]
    Task<SledUsage> Usage();
}
