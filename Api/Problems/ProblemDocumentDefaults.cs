namespace ControlPlane.Api.Problems;

/// <summary>
/// Fills in what every problem document carries, including those written by the framework (status-code
/// pages for 404/405): an <c>error_code</c> derived from the status, a <c>type</c> URI and a <c>trace_id</c>, and the
/// two members Dropshot clients require: <c>request_id</c> (the <c>x-request-id</c> header's value) and <c>message</c>
/// (the human sentence: the detail, else the title).
/// </summary>
public static class ProblemDocumentDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var details = context.ProblemDetails;
        var status = details.Status ?? context.HttpContext.Response.StatusCode;
        if (!details.Extensions.TryGetValue(ProblemMembers.ErrorCode, out var code) || code is null)
        {
            var errorCode = ErrorCodes.ForStatus(status);
            details.Extensions[ProblemMembers.ErrorCode] = errorCode;
            details.Type = ApiProblem.TypeOf(errorCode);
            if (status == StatusCodes.Status404NotFound)
            {
                details.Detail ??= $"No route {context.HttpContext.Request.Path} on this listener.";
            }
        }

        if (details.Extensions.Remove("traceId", out var traceId))
        {
            details.Extensions["trace_id"] = traceId;
        }

        details.Extensions[ProblemMembers.RequestId] = RequestId.Of(context.HttpContext);
        details.Extensions[ProblemMembers.Message] = details.Detail ?? details.Title ?? $"HTTP {status}";
    }
}
