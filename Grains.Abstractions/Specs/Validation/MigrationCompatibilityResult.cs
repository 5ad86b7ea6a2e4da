using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.Validation;

/// <summary>Whether a migration between two specs is allowed, and every difference that forbids it.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.validation.MigrationCompatibilityResult")]
public sealed record MigrationCompatibilityResult
{
    /// <summary>True when both specs are valid and nothing compared differs.</summary>
    public bool Compatible => SourceErrors.Count == 0 && TargetErrors.Count == 0 && Mismatches.Count == 0;

    [Id(0)]
    public ValueList<SpecMismatch> Mismatches { get; init; } = ValueList<SpecMismatch>.Empty;

    /// <summary>Why the source spec is invalid (then nothing is compared).</summary>
    [Id(1)]
    public ValueList<SpecValidationError> SourceErrors { get; init; } = ValueList<SpecValidationError>.Empty;

    /// <summary>Why the target spec is invalid (then nothing is compared).</summary>
    [Id(2)]
    public ValueList<SpecValidationError> TargetErrors { get; init; } = ValueList<SpecValidationError>.Empty;
}

/// <summary>One difference between a migration source and target (kind in snake_case, e.g. <c>board_cpu_count</c>).</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.validation.SpecMismatch")]
public sealed record SpecMismatch
{
    [Id(0)]
    public required string Kind { get; init; }

    /// <summary>Where the values differ, e.g. <c>nics['nic0'].pci_path</c>.</summary>
    [Id(1)]
    public required string Path { get; init; }

    [Id(2)]
    public string? Source { get; init; }

    [Id(3)]
    public string? Target { get; init; }
}
