using System.Text.Json.Serialization;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms.V2;

/// <summary>
/// Version 2 (latest) of a sled's knowledge of one VMM: the VMM state now carries <c>failure_reason</c>;
/// the migration sides are unchanged from version 1.
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.vmms.v2.SledVmmState")]
public sealed record SledVmmState
{
    [JsonPropertyName("vmm_state")]
    [Id(0)]
    public required VmmRuntimeState VmmState { get; init; }

    [JsonPropertyName("migration_in")]
    [Id(1)]
    public V1.MigrationRuntimeState? MigrationIn { get; init; }

    [JsonPropertyName("migration_out")]
    [Id(2)]
    public V1.MigrationRuntimeState? MigrationOut { get; init; }

    public static SledVmmState FromV1(V1.SledVmmState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new SledVmmState
        {
            VmmState = VmmRuntimeState.FromV1(state.VmmState),
            MigrationIn = state.MigrationIn,
            MigrationOut = state.MigrationOut,
        };
    }

    /// <summary>Down-conversion to version 1 (what the legacy upcall body and v1 readers get).</summary>
    public V1.SledVmmState ToV1() => new()
    {
        VmmState = VmmState.ToV1(),
        MigrationIn = MigrationIn,
        MigrationOut = MigrationOut,
    };
}
