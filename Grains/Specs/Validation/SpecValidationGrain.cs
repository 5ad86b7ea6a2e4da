using ControlPlane.Grains.Abstractions.Specs.Simple;
using ControlPlane.Grains.Abstractions.Specs.Validation;
using Orleans;
using Orleans.Concurrency;
using Microsoft.Extensions.Options;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// Runs spec parsing and migration checks on whichever silo receives the call (a stateless worker:
/// no state, no directory entry). A thin shell over <see cref="SpecValidator"/> with the silo's options.
/// </summary>
[StatelessWorker]
public sealed class SpecValidationGrain(IOptions<SpecValidationOptions> options) : Grain, ISpecValidationGrain
{
    private readonly SpecValidator validator = new(options.Value);

    public Task<SpecValidationResult> ValidateJson(string specJson, int apiVersion) =>
        Task.FromResult(validator.ValidateJson(specJson, apiVersion));

    public Task<SpecValidationResult> ValidateSimpleRequest(SimpleInstanceRequest simpleRequest) =>
        Task.FromResult(validator.ValidateSimpleRequest(simpleRequest));

    public Task<MigrationCompatibilityResult> CheckMigrationCompatibility(string sourceSpecJson, string targetSpecJson) =>
        Task.FromResult(validator.CheckMigrationCompatibility(sourceSpecJson, targetSpecJson));

    public Task<MigrationCompatibilityResult> CheckMigrationCompatibility(string sourceSpecJson, string targetSpecJson, int apiVersion) =>
        Task.FromResult(validator.CheckMigrationCompatibility(sourceSpecJson, targetSpecJson, apiVersion));

    public Task<SpecValidationResult> AmendMigrationTarget(string sourceSpecJson, string replaceComponentsJson) =>
        Task.FromResult(validator.AmendMigrationTarget(sourceSpecJson, replaceComponentsJson));
}
