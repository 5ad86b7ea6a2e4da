using System.Text.Json;

namespace ControlPlane.Api.Specs;

/// <summary>Two wire specs (latest shape) to compare: the migration source and the would-be target.</summary>
public sealed record MigrationCompatibilityRequest
{
    public required JsonElement Source { get; init; }

    public required JsonElement Target { get; init; }
}
