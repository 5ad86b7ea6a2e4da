using System.Text.Json.Serialization;

namespace ControlPlane.Grains.Abstractions.Vmms.V1;

/// <summary>
/// Omicron v1 <c>SledVmmState</c>, exactly as its JSON: a sled's whole knowledge of one VMM. Frozen: it is
/// also the body of the legacy upcall, which is why later versions exist as separate types.
/// </summary>
public sealed record SledVmmState
{
    [JsonPropertyName("vmm_state")]
    public required VmmRuntimeState VmmState { get; init; }

    [JsonPropertyName("migration_in")]
    public MigrationRuntimeState? MigrationIn { get; init; }

    [JsonPropertyName("migration_out")]
    public MigrationRuntimeState? MigrationOut { get; init; }
}
