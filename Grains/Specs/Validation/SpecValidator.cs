using System.Text;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Json;
using ControlPlane.Grains.Abstractions.Specs.Simple;
using ControlPlane.Grains.Abstractions.Specs.Validation;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// The pure core behind <see cref="SpecValidationGrain"/>: JSON and requests in, wire results out,
/// so the grain only holds configuration and the HTTP gateway can share the exact same answers.
/// </summary>
public sealed class SpecValidator(SpecValidationOptions options)
{
    private readonly WireSpecParser parser = new(options);

    public SpecValidationResult ValidateJson(string specJson, int apiVersion)
    {
        ArgumentNullException.ThrowIfNull(specJson);
        if (!WireSpecJson.IsKnownApiVersion(apiVersion))
        {
            return new SpecValidationResult
            {
                Errors = [new SpecValidationError { Code = SpecErrorCodes.UnsupportedApiVersion, Message = $"Propolis API version {apiVersion} has no instance spec (1 to {WireSpecJson.LatestApiVersion})" }],
            };
        }

        return ToResult(parser.ParseJson(specJson, apiVersion));
    }

    public SpecValidationResult ValidateSimpleRequest(SimpleInstanceRequest request) =>
        ToResult(SimpleSpecTranslator.Translate(request, parser.Options));

    public MigrationCompatibilityResult CheckMigrationCompatibility(string sourceSpecJson, string targetSpecJson) =>
        CheckMigrationCompatibility(sourceSpecJson, targetSpecJson, WireSpecJson.DefaultApiVersion);

    /// <summary>Compares two specs, both in the shape of Propolis API version <paramref name="apiVersion"/>.</summary>
    public MigrationCompatibilityResult CheckMigrationCompatibility(string sourceSpecJson, string targetSpecJson, int apiVersion)
    {
        var source = parser.ParseJson(sourceSpecJson, apiVersion);
        var target = parser.ParseJson(targetSpecJson, apiVersion);
        if (source is SpecParseResult.Accepted a && target is SpecParseResult.Accepted b)
        {
            return new MigrationCompatibilityResult
            {
                Mismatches = ValueList.From(MigrationCompatibilityChecker.Check(a.Spec, b.Spec).Select(m => new SpecMismatch
                {
                    Kind = SnakeCase(m.Kind.ToString()),
                    Path = m.Path,
                    Source = m.Source,
                    Target = m.Target,
                })),
            };
        }

        return new MigrationCompatibilityResult { SourceErrors = ErrorsOf(source), TargetErrors = ErrorsOf(target) };
    }

    public SpecValidationResult AmendMigrationTarget(string sourceSpecJson, string replaceComponentsJson)
    {
        ArgumentNullException.ThrowIfNull(sourceSpecJson);
        ArgumentNullException.ThrowIfNull(replaceComponentsJson);
        InstanceSpec source;
        ComponentMap<Abstractions.Specs.V1.ReplacementComponent> replacements;
        try
        {
            source = WireSpecJson.ReadAnyVersion(Encoding.UTF8.GetBytes(sourceSpecJson), WireSpecJson.DefaultApiVersion);
            replacements = WireSpecJson.ReadReplacements(replaceComponentsJson);
        }
        catch (WireFormatException e)
        {
            return ToResult(SpecParseResult.Reject(WireFormatError.From(e)));
        }

        return ToResult(MigrationTargetSpecAmender.Amend(source, replacements, parser));
    }

    private static SpecValidationResult ToResult(SpecParseResult result) => result switch
    {
        SpecParseResult.Accepted accepted => new SpecValidationResult { NormalizedSpec = SpecWireConverter.ToWire(accepted.Spec) },
        _ => new SpecValidationResult { Errors = ErrorsOf(result) },
    };

    private static ValueList<SpecValidationError> ErrorsOf(SpecParseResult result) => result is SpecParseResult.Rejected rejected
        ? ValueList.From(rejected.Errors.Select(e => new SpecValidationError
        {
            Code = e.Code,
            Message = e.Message,
            Component = e.Component?.ToString(),
            Path = (e as WireFormatError)?.Path,
        }))
        : ValueList<SpecValidationError>.Empty;

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? $"_{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));
}
