using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// Why a spec was rejected. Every error is its own type (so callers and tests match on types, not
/// text), names the component it is blamed on when there is one, and has a stable snake_case code.
/// </summary>
public abstract record SpecError
{
    private protected SpecError(SpecKey? component) => Component = component;

    /// <summary>The component the error is blamed on; null for board-level and document-level errors.</summary>
    public SpecKey? Component { get; }

    /// <summary>Stable machine-readable code from <see cref="SpecErrorCodes"/> (<c>storage_backend_not_found</c>), never derived from the type's name.</summary>
    public string Code => SpecErrorCodes.Of(GetType());

    /// <summary>A human-readable sentence; never contains secret payloads.</summary>
    public abstract string Message { get; }

    public sealed override string ToString() => Component is null ? $"{Code}: {Message}" : $"{Code} ({Component}): {Message}";
}
