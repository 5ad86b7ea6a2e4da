using Orleans;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>
/// The sled-agent side of one VMM (key: VMM id, extension <c>sled-&lt;sled id&gt;</c>; sled placement
/// runs it on the silo hosting that sled). Simulates Propolis and the sled-agent runner, owns the VMM
/// generation and rings <see cref="IVmmGrain.Ring"/> on every change. Reads interleave with everything, so
/// ringing never blocks them. Calls other than reads on an unknown VMM throw <see cref="NoSuchVmmException"/>;
/// any call fails with <see cref="Sleds.NoSledHostException"/> when no live silo hosts the sled.
/// </summary>
[Alias("controlplane.ISledVmmGrain")]
public interface ISledVmmGrain : IGrainWithGuidCompoundKey
{
    /// <summary>Registers the VMM (idempotent for the same instance) and returns its state.</summary>
    [Alias("Register")]
    Task<SledVmmState> Register(VmmRegistration registration);

    [Alias("PutState")]
    Task<VmmPutStateResponse> PutState(VmmStateRequested requested);

    /// <summary>Removes the VMM at once (rude termination); returns its last state, or null when unknown.</summary>
    [Alias("Unregister")]
    Task<VmmUnregisterResponse> Unregister();

    /// <summary>The newest state version this sled serves.</summary>
    [AlwaysInterleave]
    [Alias("GetMaxApiVersion")]
    Task<int> GetMaxApiVersion();

    /// <summary>State at API version 1; null means no such VMM on this sled.</summary>
    [AlwaysInterleave]
    [Alias("GetStateV1")]
    Task<V1.SledVmmState?> GetStateV1();

    /// <summary>State at API version 2 (latest); null means no such VMM on this sled.</summary>
    [AlwaysInterleave]
    [Alias("GetStateV2")]
    Task<V2.SledVmmState?> GetStateV2();

    /// <summary>Nexus has persisted this terminal generation; until then the terminal state stays readable.</summary>
    [Alias("AcknowledgeTerminal")]
    Task AcknowledgeTerminal(Generation generation);

    [Alias("InjectFault")]
    Task InjectFault(VmmFault fault);

    /// <summary>
    /// From the migration target (<paramref name="targetSledId"/>, <paramref name="targetVmmId"/>): it has started pulling
    /// this (source) VMM's state; the source looks at it until the migration ends.
    /// </summary>
    [Alias("BeginMigrationOut.2")]
    Task BeginMigrationOut(Guid migrationId, Guid targetSledId, Guid targetVmmId);

    /// <summary>From the migration target: how the migration ended.</summary>
    [Alias("FinishMigrationOut")]
    Task FinishMigrationOut(Guid migrationId, bool succeeded);
}
