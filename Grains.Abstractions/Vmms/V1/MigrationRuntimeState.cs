using System.Text.Json.Serialization;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms.V1;

/// <summary>Omicron v1 <c>MigrationRuntimeState</c>: one side of a migration with its own generation. Unchanged since v1.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)] // Omicron ignores unknown fields; so do we.
[GenerateSerializer, Immutable, Alias("controlplane.vmms.v1.MigrationRuntimeState")]
public sealed record MigrationRuntimeState
{
    [JsonPropertyName("migration_id")]
    [Id(0)]
    public required Guid MigrationId { get; init; }

    [JsonPropertyName("state")]
    [Id(1)]
    public required MigrationState State { get; init; }

    [JsonPropertyName("gen")]
    [Id(2)]
    public required Generation Gen { get; init; }

    [JsonPropertyName("time_updated")]
    [Id(3)]
    public required DateTimeOffset TimeUpdated { get; init; }
}
