using Orleans;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>
/// The user-facing instance (key: instance id): holds intent, active/target VMM, migration id and its own
/// generation; runs the lifecycle operations and recomputes itself from VMM facts. Errors are typed
/// (<see cref="InstanceNotFoundException"/>, <see cref="InstanceTransitionNotAllowedException"/>, ...).
/// </summary>
[Alias("controlplane.IInstanceGrain")]
public interface IInstanceGrain : IGrainWithGuidKey
{
    /// <summary>Creates the instance (and starts it when <see cref="InstanceCreateRequest.Start"/>); idempotent for the same request.</summary>
    [Alias("Create")]
    Task<InstanceView> Create(InstanceCreateRequest request);

    /// <summary>The instance; <see cref="InstanceNotFoundException"/> when never created or deleted.</summary>
    [Alias("Get")]
    Task<InstanceView> Get();

    /// <summary>The instance even when deleted (run state destroyed); null when never created.</summary>
    [Alias("Find")]
    Task<InstanceView?> Find();

    [Alias("Start")]
    Task<InstanceView> Start();

    [Alias("Stop")]
    Task<InstanceView> Stop();

    [Alias("Reboot")]
    Task<InstanceView> Reboot();

    [Alias("Migrate")]
    Task<InstanceView> Migrate(InstanceMigrateRequest request);

    /// <summary>Deletes a stopped or failed instance.</summary>
    [Alias("Delete")]
    Task Delete();

    /// <summary>The migration in progress (or the last one, until cleared), as persisted.</summary>
    [Alias("GetMigration")]
    Task<MigrationView?> GetMigration();

    /// <summary>A VMM of this instance has a new state; recompute (the instance-update rules). Sent by VmmGrain.</summary>
    [OneWay]
    [Alias("VmmUpdated")]
    Task VmmUpdated(Guid vmmId);

    /// <summary>Recomputes from VMM facts now and applies the auto-restart policy; returns the result (backstop, tests).</summary>
    [Alias("Reconcile")]
    Task<InstanceView> Reconcile();
}
