using ControlPlane.Runtime;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>
/// The sled-agent side of one VMM (key: VMM id, extension <c>sled-&lt;sled id&gt;</c>; silo-role placement
/// runs it on the silo hosting that sled). Simulates Propolis and the sled-agent runner, owns the VMM
/// generation and rings <see cref="IVmmGrain.Ring"/> on every change. Reads interleave with everything, so
/// ringing never blocks them. Calls other than reads on an unknown VMM throw <see cref="NoSuchVmmException"/>.
/// </summary>
public interface ISledVmmGrain : IGrainWithGuidCompoundKey
{
    /// <summary>Registers the VMM (idempotent for the same instance) and returns its state.</summary>
    Task<V2.SledVmmState> Register(VmmRegistration registration);

    Task<VmmPutStateResponse> PutState(VmmStateRequested requested);

    /// <summary>Removes the VMM at once (rude termination); returns its last state, or null when unknown.</summary>
    Task<VmmUnregisterResponse> Unregister();

    /// <summary>The newest state version this sled serves.</summary>
    [AlwaysInterleave]
    Task<int> GetMaxApiVersion();

    /// <summary>State at API version 1; null means no such VMM on this sled.</summary>
    [AlwaysInterleave]
    Task<V1.SledVmmState?> GetStateV1();

    /// <summary>State at API version 2 (latest); null means no such VMM on this sled.</summary>
    [AlwaysInterleave]
    Task<V2.SledVmmState?> GetStateV2();

    /// <summary>Nexus has persisted this terminal generation; until then the terminal state stays readable.</summary>
    Task AcknowledgeTerminal(Generation generation);

    Task InjectFault(VmmFault fault);

    /// <summary>From the migration target: it has started pulling this (source) VMM's state.</summary>
    Task BeginMigrationOut(Guid migrationId);

    /// <summary>From the migration target: how the migration ended.</summary>
    Task FinishMigrationOut(Guid migrationId, bool succeeded);
}
