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
            .WithName("validate_instance_spec").WithMetadata(new SpecVersionedRoute())
            .WithSummary("Parse and validate a wire instance spec in the shape of the propolis-api-version header (5 when absent; 6 is current Omicron's); 200 with the normalized spec in that version or 400 naming the error and component.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        specs.MapPost("/migration-compatibility", CheckMigrationCompatibility)
            .WithName("check_migration_compatibility").WithMetadata(new SpecVersionedRoute())
            .WithSummary("Compare a migration source spec with a target spec component by component.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return external;
    }

    private static async Task<Results<Ok<ValidatedSpecResponse>, ProblemHttpResult>> Validate(WireSpecBody spec, HttpContext context, IGrainFactory grains)
    {
        var version = PropolisApiVersion.Of(context);
        var result = await grains.GetGrain<ISpecValidationGrain>(0).ValidateJson(spec.Json.GetRawText(), version);
        if (result.NormalizedSpec is not { } normalized)
        {
            return Problem(SpecProblems.Invalid(result.Errors));
        }

        // The input was in this version, so nothing in it is lost writing it back (a refusal here would be a bug).
        using var document = JsonDocument.Parse(WireSpecJson.WriteAsVersion(normalized, version));
        return TypedResults.Ok(new ValidatedSpecResponse { Spec = document.RootElement.Clone() });
    }

    private static async Task<Results<Ok<MigrationCompatibilityResponse>, ProblemHttpResult>> CheckMigrationCompatibility(
        MigrationCompatibilityRequest request, HttpContext context, IGrainFactory grains)
    {
        var version = PropolisApiVersion.Of(context);
        var result = await grains.GetGrain<ISpecValidationGrain>(0).CheckMigrationCompatibility(request.Source.GetRawText(), request.Target.GetRawText(), version);
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
