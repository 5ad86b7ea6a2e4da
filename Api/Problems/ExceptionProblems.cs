using System.Data.Common;
using System.Text.Json;
using ControlPlane.Api.Specs;
using ControlPlane.Grains.Abstractions.Errors;
using ControlPlane.Grains.Abstractions.Instances;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace ControlPlane.Api.Problems;

/// <summary>
/// Maps an exception that escaped a handler to its problem document. Known causes get their 4xx/503/504;
/// anything else is a 500 <c>internal_error</c> (logged; the document never carries the exception text).
/// </summary>
public static class ExceptionProblems
{
    public static ApiProblem From(Exception exception, long? maxRequestBodyBytes, HttpRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ApiProblemException problem => problem.Problem,
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ApiProblem.PayloadTooLarge(maxRequestBodyBytes),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => ApiProblem.UnsupportedMediaType(),
            BadHttpRequestException { InnerException: JsonException json } => JsonProblems.From(json),
            // Recognised by the request (it has no body), not by the framework's English message.
            BadHttpRequestException when request is not null && HasNoBody(request) => ApiProblem.MissingBody(),
            BadHttpRequestException bad => new ApiProblem
            {
                Status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest,
                ErrorCode = ErrorCodes.ForStatus(bad.StatusCode),
                Title = "Bad request",
                Detail = bad.Message,
            },
            JsonException json => JsonProblems.From(json),
            InvalidInstanceSpecException spec when spec.Errors.Count > 0 => SpecProblems.Invalid(spec.Errors),
            DomainException domain => Domain(domain),
            SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException => ApiProblem.ServiceUnavailable("The cluster cannot take the request now; it was not run. Retry later."),
            _ when CausedByDatabase(exception) => ApiProblem.ServiceUnavailable("The database is unavailable. Retry later."),
            TimeoutException => new ApiProblem
            {
                Status = StatusCodes.Status504GatewayTimeout,
                ErrorCode = ErrorCodes.Timeout,
                Title = "Timed out",
                Detail = "The cluster did not answer in time; the outcome of the request is unknown.",
            },
            _ => new ApiProblem
            {
                Status = StatusCodes.Status500InternalServerError,
                ErrorCode = ErrorCodes.InternalError,
                Title = "Internal error",
                Detail = "The gateway failed to handle the request; the failure is logged under this trace id.",
            },
        };
    }

    private static bool HasNoBody(HttpRequest request) =>
        request.ContentLength == 0 || request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false;

    /// <summary>
    /// A storage provider's failure reaches the caller wrapped (Orleans reports a failed state read or write inside its own
    /// exception), so the whole cause chain is searched for the driver's error.
    /// </summary>
    private static bool CausedByDatabase(Exception exception)
    {
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is DbException)
            {
                return true;
            }

            if (cause is AggregateException aggregate && aggregate.InnerExceptions.Any(CausedByDatabase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A grain's typed error, by family; the grain's own code goes into <c>reason</c>.</summary>
    private static ApiProblem Domain(DomainException exception)
    {
        var (status, code, title) = exception switch
        {
            ResourceNotFoundException => (StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Not found"),
            InsufficientCapacityException => (StatusCodes.Status409Conflict, ErrorCodes.InsufficientCapacity, "Insufficient capacity"),
            InstanceNameInUseException => (StatusCodes.Status409Conflict, ErrorCodes.ObjectAlreadyExists, "Already exists"),
            ConflictException => (StatusCodes.Status409Conflict, ErrorCodes.InvalidState, "Not allowed in the current state"),
            UnavailableException => (StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "Service unavailable"),
            InvalidInstanceSpecException => (StatusCodes.Status400BadRequest, ErrorCodes.InvalidSpec, "Invalid instance spec"),
            _ => (StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "Invalid request"),
        };
        return new ApiProblem
        {
            Status = status,
            ErrorCode = code,
            Title = title,
            Detail = exception.Message,
            Extensions = new Dictionary<string, object?> { ["reason"] = exception.Code },
        };
    }
}
