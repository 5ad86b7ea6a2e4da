using ControlPlane.Grains.Abstractions.Specs.Validation;

namespace ControlPlane.Api.Specs;

/// <summary>Whether an instance with the source spec may migrate to a VMM with the target spec, and every difference found.</summary>
public sealed record MigrationCompatibilityResponse
{
    public required bool Compatible { get; init; }

    public required IReadOnlyList<SpecMismatch> Mismatches { get; init; }
}
