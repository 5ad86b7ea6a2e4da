using Orleans;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>
/// The Nexus side of one VMM (key: VMM id): the persisted VMM record and its migration sides. Learns the
/// sled's state only by pulling it (on a doorbell, on a watcher check, or from the result of its
/// instance's own calls) and applies it only if the generation is strictly newer.
/// </summary>
[Alias("controlplane.IVmmGrain")]
public interface IVmmGrain : IGrainWithGuidKey
{
    /// <summary>Creates the record (creating, generation 1); idempotent.</summary>
    [Alias("Initialize")]
    Task<VmmView> Initialize(VmmInitialization initialization);

    /// <summary>The doorbell: no payload, returns at once; a pull follows. Rings during a pull coalesce into one more pull.</summary>
    [AlwaysInterleave]
    [Alias("Ring")]
    Task Ring();

    /// <summary>
    /// The legacy upcall (<c>cpapi_instances_put</c>), kept for one API version: the body is ignored (it
    /// cannot be trusted to be current, and its type is frozen) and the doorbell is rung instead.
    /// </summary>
    [AlwaysInterleave]
    [Alias("PutLegacy")]
    Task PutLegacy(V1.SledVmmState ignoredBody);

    /// <summary>The persisted record; null when never initialized.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<VmmView?> Get();

    /// <summary>Applies a state the instance received from its own call to the sled (register, put_state).</summary>
    [Alias("Apply")]
    Task<VmmApplyResult> Apply(SledVmmState state);

    /// <summary>Writes failed at the stored generation + 1 (explicit evidence the VMM is gone); no-op when already terminal.</summary>
    [Alias("MarkFailed")]
    Task<VmmApplyResult> MarkFailed(VmmFailureReason reason);

    /// <summary>The instance's start or migrate was rolled back: the record becomes saga_unwound (generation + 1).</summary>
    [Alias("MarkSagaUnwound")]
    Task<VmmView> MarkSagaUnwound();

    /// <summary>This VMM becomes the source of a migration: its <c>migration_out</c> side starts pending at generation 1.</summary>
    [Alias("BeginMigrationOut")]
    Task<VmmView> BeginMigrationOut(Guid migrationId);

    /// <summary>The watcher's check: pull once and turn only explicit evidence (no such VMM, dead silo) into failed.</summary>
    [Alias("Check")]
    Task<VmmCheckOutcome> Check();

    /// <summary>The instance released this VMM: soft-delete it and let the sled forget it.</summary>
    [Alias("SoftDelete")]
    Task SoftDelete();

    [ReadOnly]
    [Alias("GetDoorbellStats")]
    Task<DoorbellStats> GetDoorbellStats();
}
