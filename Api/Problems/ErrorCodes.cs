namespace ControlPlane.Api.Problems;

/// <summary>
/// The stable, machine-readable <c>error_code</c> values of problem documents. Codes are part of the API:
/// new ones may be added, existing ones never change meaning.
/// </summary>
public static class ErrorCodes
{
    /// <summary>400: the instance spec does not parse or validate (carries <c>spec_error</c> and <c>component</c>).</summary>
    public const string InvalidSpec = "invalid_spec";

    /// <summary>400: the body is not JSON.</summary>
    public const string MalformedJson = "malformed_json";

    /// <summary>400: a field of the body has the wrong type or an invalid value (carries <c>field</c>).</summary>
    public const string InvalidField = "invalid_field";

    /// <summary>400: the body has a field the request type does not define (carries <c>field</c>).</summary>
    public const string UnknownField = "unknown_field";

    /// <summary>400: a required field is absent (carries <c>field</c>).</summary>
    public const string MissingField = "missing_field";

    /// <summary>400: the route needs a body and none was sent.</summary>
    public const string MissingBody = "missing_body";

    /// <summary>400: a path parameter is not a valid identifier (carries <c>parameter</c>).</summary>
    public const string InvalidId = "invalid_id";

    /// <summary>400: the request can never succeed as written (carries the grain's <c>reason</c>).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>400: a request header has a value the route cannot use (carries <c>header</c>).</summary>
    public const string InvalidHeader = "invalid_header";

    /// <summary>400: some other malformed request (header, query).</summary>
    public const string BadRequest = "bad_request";

    /// <summary>400: the <c>api-version</c> header names no version this API publishes.</summary>
    public const string UnsupportedApiVersion = "unsupported_api_version";

    /// <summary>404: the object (instance, VMM, sled) does not exist.</summary>
    public const string NotFound = "not_found";

    /// <summary>
    /// 404 from the sled-agent state read: the sled has no such VMM. Omicron's own spelling (upper case): Nexus treats a
    /// VMM as gone only on a 404 with exactly this code.
    /// </summary>
    public const string NoSuchInstance = "NO_SUCH_INSTANCE";

    /// <summary>404: no such route on this listener (or in this API version).</summary>
    public const string RouteNotFound = "route_not_found";

    /// <summary>405: the route exists but not with this method.</summary>
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>409: the object's current state forbids the request (e.g. deleting a running instance).</summary>
    public const string InvalidState = "invalid_state";

    /// <summary>409: a live object already has that name (Omicron's ObjectAlreadyExists; Nexus answers it with 400).</summary>
    public const string ObjectAlreadyExists = "object_already_exists";

    /// <summary>422: the <c>Idempotency-Key</c> was first used with a different request body (carries <c>header</c>).</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary>409: no sled has the capacity the request needs; the request was valid and may succeed later.</summary>
    public const string InsufficientCapacity = "insufficient_capacity";

    /// <summary>413: the body exceeds <c>Api:MaxRequestBodyBytes</c>.</summary>
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>415: the body is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>503: the cluster or its database cannot take the request now; it was not run.</summary>
    public const string ServiceUnavailable = "service_unavailable";

    /// <summary>504: a grain call timed out; its outcome is unknown.</summary>
    public const string Timeout = "timeout";

    /// <summary>500: a fault of the gateway itself (logged with the trace id); never caused by input.</summary>
    public const string InternalError = "internal_error";

    /// <summary>The code a bare status (from routing or status-code pages) gets.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status404NotFound => RouteNotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status409Conflict => InvalidState,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status503ServiceUnavailable => ServiceUnavailable,
        StatusCodes.Status504GatewayTimeout => Timeout,
        >= 500 => InternalError,
        _ => BadRequest,
    };
}
