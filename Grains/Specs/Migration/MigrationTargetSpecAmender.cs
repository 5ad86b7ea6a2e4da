using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// Propolis' Era-B migration target (brief §5.2): the target inherits the source's spec, with
/// <c>replace_components</c> substituted by key, then runs the normal conversion. A replacement must
/// name an existing component of the same kind (Crucible backend, viona backend, failure injector).
/// </summary>
public static class MigrationTargetSpecAmender
{
    /// <summary>Amends the source's running spec and converts the result with <paramref name="parser"/>.</summary>
    public static SpecParseResult Amend(Spec source, ComponentMap<ReplacementComponent> replacements, WireSpecParser parser) =>
        Amend(SpecWireConverter.ToWire(source), replacements, parser);

    /// <summary>Amends a source wire spec (as the migration preamble carries it) and converts the result.</summary>
    public static SpecParseResult Amend(InstanceSpec source, ComponentMap<ReplacementComponent> replacements, WireSpecParser parser)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(replacements);
        ArgumentNullException.ThrowIfNull(parser);
        var errors = new List<SpecError>();
        var components = source.Components;
        foreach (var (key, replacement) in replacements)
        {
            var kind = replacement.Component.Kind;
            if (!source.Components.TryGetValue(key, out var existing))
            {
                errors.Add(new ReplacementComponentNotInSource(key));
            }
            else if (existing.Kind != kind)
            {
                errors.Add(new ReplacementKindMismatch(key, kind, existing.Kind));
            }
            else if (parser.Options.RejectIfDisabled(kind, key) is { } disabled)
            {
                errors.Add(disabled);
            }
            else
            {
                components = components.SetItem(key, (IComponent)replacement.Component);
            }
        }

        return errors.Count > 0 ? new SpecParseResult.Rejected(errors) : parser.Parse(source with { Components = components });
    }
}
