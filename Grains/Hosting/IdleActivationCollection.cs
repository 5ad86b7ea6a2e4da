using ControlPlane.Grains.Instances;
using ControlPlane.Grains.Instances.Idempotency;
using ControlPlane.Grains.Instances.Naming;
using ControlPlane.Grains.Sleds.Reservations;
using Orleans.Configuration;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// Shorter idle collection for grains whose memory is their persisted state: a name claim, an idempotency key and a VMM's
/// sled reservation are touched on create, start, stop and delete only, and an instance between operations holds nothing
/// its record does not (a pending restart delays its own collection), so holding their activations for Orleans' default
/// 15 minutes costs memory per instance for nothing (reactivation reads the state back). VMMs and sled VMMs keep the
/// default: VMMs are touched by every watcher pass, and a simulated sled VMM lives only in memory.
/// </summary>
public static class IdleActivationCollection
{
    /// <summary>How long an idle instance, name-claim, idempotency-key or reservation activation stays (at least Orleans' collection quantum, 1 minute).</summary>
    public static readonly TimeSpan PersistedOnlyAge = TimeSpan.FromMinutes(2);

    public static void Apply(GrainCollectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ClassSpecificCollectionAge[typeof(InstanceNameGrain).FullName!] = PersistedOnlyAge;
        options.ClassSpecificCollectionAge[typeof(IdempotencyKeyGrain).FullName!] = PersistedOnlyAge;
        options.ClassSpecificCollectionAge[typeof(SledReservationGrain).FullName!] = PersistedOnlyAge;
        options.ClassSpecificCollectionAge[typeof(InstanceGrain).FullName!] = PersistedOnlyAge;
    }
}
