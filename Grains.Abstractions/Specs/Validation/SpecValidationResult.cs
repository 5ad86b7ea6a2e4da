using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.Validation;

/// <summary>The answer to a validation: the normalized spec (latest wire shape) when valid, else every error found.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.validation.SpecValidationResult")]
public sealed record SpecValidationResult
{
    public bool IsValid => NormalizedSpec is not null;

    /// <summary>The spec as the server will run it (CPUID filled in, UUID keys lowercase...); null when invalid.</summary>
    [Id(0)]
    public V6.InstanceSpec? NormalizedSpec { get; init; }

    [Id(1)]
    public ValueList<SpecValidationError> Errors { get; init; } = ValueList<SpecValidationError>.Empty;
}

/// <summary>One reason a spec is invalid, in a form HTTP problem documents can carry.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.validation.SpecValidationError")]
public sealed record SpecValidationError
{
    /// <summary>Stable machine-readable code (<c>storage_backend_not_found</c>, <c>unknown_field</c>...).</summary>
    [Id(0)]
    public required string Code { get; init; }

    [Id(1)]
    public required string Message { get; init; }

    /// <summary>The component the error is blamed on, when there is one.</summary>
    [Id(2)]
    public string? Component { get; init; }

    /// <summary>JSONPath of the offending value for JSON errors.</summary>
    [Id(3)]
    public string? Path { get; init; }
}
