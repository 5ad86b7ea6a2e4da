using Microsoft.AspNetCore.Mvc;

namespace ControlPlane.Api.Problems;

/// <summary>
/// One failure as an RFC 9457 problem document: HTTP status, stable <c>error_code</c>, a title per code,
/// a human-readable detail and optional extension members (snake_case).
/// </summary>
public sealed record ApiProblem
{
    public required int Status { get; init; }

    public required string ErrorCode { get; init; }

    public required string Title { get; init; }

    public string? Detail { get; init; }

    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();

    /// <summary>The problem <c>type</c> URI of an error code.</summary>
    public static string TypeOf(string errorCode) => $"urn:controlplane:problem:{errorCode}";

    public ProblemDetails ToProblemDetails()
    {
        var details = new ProblemDetails { Status = Status, Title = Title, Detail = Detail, Type = TypeOf(ErrorCode) };
        details.Extensions[ProblemMembers.ErrorCode] = ErrorCode;
        foreach (var (key, value) in Extensions)
        {
            if (value is not null)
            {
                details.Extensions[key] = value;
            }
        }

        return details;
    }

    /// <summary>The problem as a minimal-API result (<c>application/problem+json</c>).</summary>
    public IResult ToResult() => TypedResults.Problem(ToProblemDetails());

    /// <summary>Writes the problem to a response that has not started (middleware and exception handling).</summary>
    public async Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = Status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = ToProblemDetails() }))
        {
            await context.Response.WriteAsJsonAsync(ToProblemDetails(), (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
        }
    }

    public static ApiProblem RouteNotFound(PathString path) => new()
    {
        Status = StatusCodes.Status404NotFound,
        ErrorCode = ErrorCodes.RouteNotFound,
        Title = "No such route",
        Detail = $"No route {path} on this listener.",
    };

    public static ApiProblem NotFound(string what, string id) => new()
    {
        Status = StatusCodes.Status404NotFound,
        ErrorCode = ErrorCodes.NotFound,
        Title = "Not found",
        Detail = $"No {what} with id {id}.",
    };

    public static ApiProblem InvalidId(string parameter, string value) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        ErrorCode = ErrorCodes.InvalidId,
        Title = "Invalid identifier",
        Detail = $"Path parameter '{parameter}' must be a UUID.",
        Extensions = new Dictionary<string, object?> { ["parameter"] = parameter, ["value"] = value.Length > 64 ? value[..64] : value },
    };

    public static ApiProblem InvalidState(string detail) => new()
    {
        Status = StatusCodes.Status409Conflict,
        ErrorCode = ErrorCodes.InvalidState,
        Title = "Not allowed in the current state",
        Detail = detail,
    };

    public static ApiProblem InsufficientCapacity(string detail) => new()
    {
        Status = StatusCodes.Status409Conflict,
        ErrorCode = ErrorCodes.InsufficientCapacity,
        Title = "Insufficient capacity",
        Detail = detail,
    };

    public static ApiProblem ServiceUnavailable(string detail) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        ErrorCode = ErrorCodes.ServiceUnavailable,
        Title = "Service unavailable",
        Detail = detail,
    };

    public static ApiProblem PayloadTooLarge(long? limit) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        ErrorCode = ErrorCodes.PayloadTooLarge,
        Title = "Payload too large",
        Detail = limit is { } bytes ? $"The request body exceeds the limit of {bytes} bytes." : "The request body is too large.",
        Extensions = limit is { } max ? new Dictionary<string, object?> { ["max_bytes"] = max } : new Dictionary<string, object?>(),
    };

    public static ApiProblem UnsupportedMediaType() => new()
    {
        Status = StatusCodes.Status415UnsupportedMediaType,
        ErrorCode = ErrorCodes.UnsupportedMediaType,
        Title = "Unsupported media type",
        Detail = "The request body must be application/json.",
    };

    public static ApiProblem MissingBody() => new()
    {
        Status = StatusCodes.Status400BadRequest,
        ErrorCode = ErrorCodes.MissingBody,
        Title = "Missing body",
        Detail = "This route needs a JSON body.",
    };

    public static ApiProblem Field(string errorCode, string field, string detail) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        ErrorCode = errorCode,
        Title = errorCode switch
        {
            ErrorCodes.MalformedJson => "Malformed JSON",
            ErrorCodes.UnknownField => "Unknown field",
            ErrorCodes.MissingField => "Missing field",
            _ => "Invalid field",
        },
        Detail = detail,
        Extensions = new Dictionary<string, object?> { ["field"] = field },
    };
}
