using System.Text.Json.Serialization;

namespace ControlPlane.Grains.Abstractions.Vmms.V1;

/// <summary>Omicron v1 <c>MigrationRuntimeState</c>: one side of a migration with its own generation. Unchanged since v1.</summary>
public sealed record MigrationRuntimeState
{
    [JsonPropertyName("migration_id")]
    public required Guid MigrationId { get; init; }

    [JsonPropertyName("state")]
    public required MigrationState State { get; init; }

    [JsonPropertyName("gen")]
    public required Generation Gen { get; init; }

    [JsonPropertyName("time_updated")]
    public required DateTimeOffset TimeUpdated { get; init; }
}
