using ControlPlane.Grains.Abstractions.Specs.Simple;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.Validation;

/// <summary>
/// Spec parsing and migration checks as a stateless worker, so any silo can validate locally. Specs
/// arrive as JSON text, not objects: strictness (duplicate keys, unknown fields) needs the raw text.
/// Use key 0; the key carries no meaning.
/// </summary>
[Alias("controlplane.ISpecValidationGrain")]
public interface ISpecValidationGrain : IGrainWithIntegerKey
{
    /// <summary>Parses a wire spec in the shape of Propolis API version <paramref name="apiVersion"/> (1-6); returns the normalized latest spec or the errors.</summary>
    [Alias("ValidateJson")]
    Task<SpecValidationResult> ValidateJson(string specJson, int apiVersion);

    /// <summary>Builds and validates the spec of a simple create request.</summary>
    [Alias("ValidateSimpleRequest")]
    Task<SpecValidationResult> ValidateSimpleRequest(SimpleInstanceRequest simpleRequest);

    /// <summary>Compares a migration source spec with a target spec (latest shape) component by component.</summary>
    [Alias("CheckMigrationCompatibility")]
    Task<MigrationCompatibilityResult> CheckMigrationCompatibility(string sourceSpecJson, string targetSpecJson);

    /// <summary>As <see cref="CheckMigrationCompatibility(string, string)"/>, both specs in the shape of Propolis API version <paramref name="apiVersion"/>.</summary>
    [Alias("CheckMigrationCompatibilityInVersion")]
    Task<MigrationCompatibilityResult> CheckMigrationCompatibility(string sourceSpecJson, string targetSpecJson, int apiVersion);

    /// <summary>A migration target's spec: the source spec with <c>replace_components</c> substituted, validated.</summary>
    [Alias("AmendMigrationTarget")]
    Task<SpecValidationResult> AmendMigrationTarget(string sourceSpecJson, string replaceComponentsJson);
}
