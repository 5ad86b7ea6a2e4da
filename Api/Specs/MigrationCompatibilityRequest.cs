using System.Text.Json;
using System.Text.Json.Serialization;

namespace ControlPlane.Api.Specs;

/// <summary>Two wire specs (latest shape) to compare: the migration source and the would-be target.</summary>
public sealed record MigrationCompatibilityRequest
{
    [JsonConverter(typeof(WireSpecElementConverter))]
    public required JsonElement Source { get; init; }

    [JsonConverter(typeof(WireSpecElementConverter))]
    public required JsonElement Target { get; init; }
}
