namespace ControlPlane.Grains.Abstractions.Specs.Validation;

/// <summary>Whether a migration between two specs is allowed, and every difference that forbids it.</summary>
public sealed record MigrationCompatibilityResult
{
    /// <summary>True when both specs are valid and nothing compared differs.</summary>
    public bool Compatible => SourceErrors.Count == 0 && TargetErrors.Count == 0 && Mismatches.Count == 0;

    public ValueList<SpecMismatch> Mismatches { get; init; } = ValueList<SpecMismatch>.Empty;

    /// <summary>Why the source spec is invalid (then nothing is compared).</summary>
    public ValueList<SpecValidationError> SourceErrors { get; init; } = ValueList<SpecValidationError>.Empty;

    /// <summary>Why the target spec is invalid (then nothing is compared).</summary>
    public ValueList<SpecValidationError> TargetErrors { get; init; } = ValueList<SpecValidationError>.Empty;
}

/// <summary>One difference between a migration source and target (kind in snake_case, e.g. <c>board_cpu_count</c>).</summary>
public sealed record SpecMismatch
{
    public required string Kind { get; init; }

    /// <summary>Where the values differ, e.g. <c>nics['nic0'].pci_path</c>.</summary>
    public required string Path { get; init; }

    public string? Source { get; init; }

    public string? Target { get; init; }
}
