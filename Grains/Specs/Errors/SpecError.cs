using System.Collections.Concurrent;
using System.Text;
using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// Why a spec was rejected. Every error is its own type (so callers and tests match on types, not
/// text), names the component it is blamed on when there is one, and has a stable snake_case code.
/// </summary>
public abstract record SpecError
{
    private static readonly ConcurrentDictionary<Type, string> Codes = new();

    private protected SpecError(SpecKey? component) => Component = component;

    /// <summary>The component the error is blamed on; null for board-level and document-level errors.</summary>
    public SpecKey? Component { get; }

    /// <summary>Stable machine-readable code: the type name in snake_case (<c>storage_backend_not_found</c>).</summary>
    public string Code => Codes.GetOrAdd(GetType(), static type => ToSnakeCase(type.Name));

    /// <summary>A human-readable sentence; never contains secret payloads.</summary>
    public abstract string Message { get; }

    public sealed override string ToString() => Component is null ? $"{Code}: {Message}" : $"{Code} ({Component}): {Message}";

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
