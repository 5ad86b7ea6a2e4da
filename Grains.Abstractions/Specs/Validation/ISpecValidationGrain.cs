using ControlPlane.Grains.Abstractions.Specs.Simple;
using ControlPlane.Runtime;

namespace ControlPlane.Grains.Abstractions.Specs.Validation;

/// <summary>
/// Spec parsing and migration checks as a stateless worker, so any silo can validate locally. Specs
/// arrive as JSON text, not objects: strictness (duplicate keys, unknown fields) needs the raw text.
/// Use key 0; the key carries no meaning.
/// </summary>
public interface ISpecValidationGrain : IGrainWithIntegerKey
{
    /// <summary>Parses a wire spec in the shape of <paramref name="apiVersion"/> (1-3); returns the normalized latest spec or the errors.</summary>
    Task<SpecValidationResult> ValidateJson(string specJson, int apiVersion);

    /// <summary>Builds and validates the spec of a simple create request.</summary>
    Task<SpecValidationResult> ValidateSimpleRequest(SimpleInstanceRequest simpleRequest);

    /// <summary>Compares a migration source spec with a target spec (latest shape) component by component.</summary>
    Task<MigrationCompatibilityResult> CheckMigrationCompatibility(string sourceSpecJson, string targetSpecJson);

    /// <summary>A migration target's spec: the source spec with <c>replace_components</c> substituted, validated.</summary>
    Task<SpecValidationResult> AmendMigrationTarget(string sourceSpecJson, string replaceComponentsJson);
}
