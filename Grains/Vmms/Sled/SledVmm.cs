
namespace ControlPlane.Grains.Vmms.Sled;

/// <summary>
/// What the simulated sled-agent knows of one registered VMM: the runtime state it owns (with generation),
/// both migration sides, and the simulator's bookkeeping (pending boot, stop requested, faults).
/// </summary>
public sealed record SledVmm
{
    public required Guid InstanceId { get; init; }

    public required InstanceSpec Spec { get; init; }

    public required VmmRuntimeState Runtime { get; init; }

    public MigrationRuntimeState? MigrationIn { get; init; }

    public MigrationRuntimeState? MigrationOut { get; init; }

    /// <summary>A boot has been scheduled (a start was requested).</summary>
    public bool Booting { get; init; }

    /// <summary>A migration-in has been started from this source.</summary>
    public Guid? MigrationSourceVmmId { get; init; }

    public Guid? MigrationSourceSledId { get; init; }

    /// <summary>On a migration source: the target pulling its state, looked at while the migration is in progress.</summary>
    public SledVmmAddress? MigrationTarget { get; init; }

    public SledVmmFaults Faults { get; init; }

    public bool IsTerminal => Runtime.State is VmmState.Failed or VmmState.Destroyed;

    /// <summary>The state as served at the latest version.</summary>
    public SledVmmState ToState() => new() { VmmState = Runtime, MigrationIn = MigrationIn, MigrationOut = MigrationOut };
}
