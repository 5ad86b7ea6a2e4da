using System.Text.Json.Serialization;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms.V1;

/// <summary>
/// Omicron v1 <c>SledVmmState</c>, exactly as its JSON: a sled's whole knowledge of one VMM. Frozen: it is
/// also the body of the legacy upcall, which is why later versions exist as separate types.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)] // Omicron ignores unknown fields; so do we.
[GenerateSerializer, Immutable, Alias("controlplane.vmms.v1.SledVmmState")]
public sealed record SledVmmState
{
    [JsonPropertyName("vmm_state")]
    [Id(0)]
    public required VmmRuntimeState VmmState { get; init; }

    [JsonPropertyName("migration_in")]
    [Id(1)]
    public MigrationRuntimeState? MigrationIn { get; init; }

    [JsonPropertyName("migration_out")]
    [Id(2)]
    public MigrationRuntimeState? MigrationOut { get; init; }
}
