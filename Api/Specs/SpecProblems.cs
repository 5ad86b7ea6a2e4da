using ControlPlane.Api.Problems;
using ControlPlane.Grains.Abstractions.Specs.Validation;

namespace ControlPlane.Api.Specs;

/// <summary>
/// The 400 for a rejected spec: <c>error_code</c> <c>invalid_spec</c> (or <c>malformed_json</c>), with the first
/// error's kind (<c>spec_error</c>), <c>component</c> and <c>field</c> lifted to the top and every error listed.
/// </summary>
public static class SpecProblems
{
    public static ApiProblem Invalid(IReadOnlyList<SpecValidationError> errors, string? side = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = errors.Count > 0 ? errors[0] : new SpecValidationError { Code = "unknown", Message = "the spec was rejected" };
        var prefix = side is null ? "" : $"{side} spec: ";
        return new ApiProblem
        {
            Status = StatusCodes.Status400BadRequest,
            ErrorCode = first.Code == Grains.Specs.SpecErrorCodes.MalformedJson ? ErrorCodes.MalformedJson : ErrorCodes.InvalidSpec,
            Title = "Invalid instance spec",
            Detail = first.Component is null ? $"{prefix}{first.Message}" : $"{prefix}component '{first.Component}': {first.Message}",
            Extensions = new Dictionary<string, object?>
            {
                ["spec_error"] = first.Code,
                ["component"] = first.Component,
                ["field"] = first.Path,
                ["side"] = side,
                ["errors"] = errors,
            },
        };
    }
}
