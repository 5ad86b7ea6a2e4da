namespace ControlPlane.Api.Problems;

/// <summary>
/// Outermost: fixes the request's <see cref="RequestId"/> and sends it as <c>x-request-id</c> on every response,
/// including problem documents written after the response was cleared (the header is added when it starts).
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = RequestId.Of(context);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[RequestId.HeaderName] = id;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
