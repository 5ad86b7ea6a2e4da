using Orleans;

namespace ControlPlane.Grains.Instances.Sagas;

/// <summary>
/// One step of an instance saga. Every step (and its undo, where it has one) is idempotent: it is keyed by the ids
/// recorded in the saga, so running it again after a crash does what running it once did.
/// </summary>
[GenerateSerializer, Alias("controlplane.state.SagaStep")]
public enum SagaStep
{
    /// <summary>Reserve room on a sled for the saga's VMM (undo: release the reservation).</summary>
    ReserveSled,

    /// <summary>Create the Nexus-side VMM record (undo: mark it saga_unwound and soft-delete it).</summary>
    CreateVmmRecord,

    /// <summary>Point the instance at the new VMM, state vmm (undo: back to the state before the saga, no VMM).</summary>
    LinkActiveVmm,

    /// <summary>Register the VMM on its sled (undo: unregister it).</summary>
    RegisterOnSled,

    /// <summary>Ask the sled to run the VMM (no undo: unregistering undoes it).</summary>
    EnsureRunning,

    /// <summary>Open the source VMM's migration_out side (no undo: a side whose migration id the instance forgot is never read).</summary>
    BeginMigrationOut,

    /// <summary>Record migration id and target VMM in the instance (undo: clear them).</summary>
    SetMigrationIds,

    /// <summary>Tell the target's sled to start migrating in from the source (no undo: unregistering the target undoes it).</summary>
    EnsureMigrating,

    /// <summary>Record intent stopped (no undo: a stop that could not be sent still means the user wants it stopped).</summary>
    RecordStopIntent,

    /// <summary>Ask the active VMM's sled to stop it (no undo).</summary>
    RequestStop,

    /// <summary>Ask the active VMM's sled to reboot it (no undo).</summary>
    RequestReboot,

    /// <summary>Mark the instance destroyed (no undo: past this point a delete only goes forward).</summary>
    MarkDestroyed,

    /// <summary>Give the name back and drop the instance from the list (no undo).</summary>
    ReleaseName,
}
