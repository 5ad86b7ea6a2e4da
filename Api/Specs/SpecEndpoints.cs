using System.Text.Json;
using ControlPlane.Api.Listeners;
using ControlPlane.Grains.Abstractions.Specs.Json;
using ControlPlane.Grains.Abstractions.Specs.Validation;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ControlPlane.Api.Specs;

/// <summary>
/// External API: spec validation and migration-compatibility checks, thin shells over the stateless-worker
/// <see cref="ISpecValidationGrain"/> (the same parser the instance grains use).
/// </summary>
public static class SpecEndpoints
{
    public static RouteGroupBuilder MapSpecEndpoints(this RouteGroupBuilder external)
    {
        ArgumentNullException.ThrowIfNull(external);
        var specs = external.MapGroup("/v1/instance-specs").WithTags("instance-specs");

        specs.MapPost("/validate", Validate)
            .WithName("validate_instance_spec")
            .WithSummary("Parse and validate a wire instance spec (latest API shape); 200 with the normalized spec or 400 naming the error and component.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        specs.MapPost("/migration-compatibility", CheckMigrationCompatibility)
            .WithName("check_migration_compatibility")
            .WithSummary("Compare a migration source spec with a target spec component by component.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return external;
    }

    private static async Task<Results<Ok<ValidatedSpecResponse>, ProblemHttpResult>> Validate(JsonElement spec, IGrainFactory grains)
    {
        var result = await grains.GetGrain<ISpecValidationGrain>(0).ValidateJson(spec.GetRawText(), WireSpecJson.LatestApiVersion);
        if (result.NormalizedSpec is not { } normalized)
        {
            return Problem(SpecProblems.Invalid(result.Errors));
        }

        using var document = JsonDocument.Parse(WireSpecJson.Write(normalized));
        return TypedResults.Ok(new ValidatedSpecResponse { Spec = document.RootElement.Clone() });
    }

    private static async Task<Results<Ok<MigrationCompatibilityResponse>, ProblemHttpResult>> CheckMigrationCompatibility(
        MigrationCompatibilityRequest request, IGrainFactory grains)
    {
        var result = await grains.GetGrain<ISpecValidationGrain>(0).CheckMigrationCompatibility(request.Source.GetRawText(), request.Target.GetRawText());
        if (result.SourceErrors.Count > 0)
        {
            return Problem(SpecProblems.Invalid(result.SourceErrors, "source"));
        }

        if (result.TargetErrors.Count > 0)
        {
            return Problem(SpecProblems.Invalid(result.TargetErrors, "target"));
        }

        return TypedResults.Ok(new MigrationCompatibilityResponse { Compatible = result.Compatible, Mismatches = [.. result.Mismatches] });
    }

    private static ProblemHttpResult Problem(Problems.ApiProblem problem) => TypedResults.Problem(problem.ToProblemDetails());
}
