using ControlPlane.Api.Problems;

namespace ControlPlane.Api.Listeners;

/// <summary>
/// Runs after routing: a route pinned to one listener and called on the other answers 404 (a problem document),
/// exactly as if the route did not exist there, so neither listener serves the other's routes (nor its OpenAPI documents).
/// </summary>
public sealed class ListenerGuardMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var required = context.GetEndpoint()?.Metadata.GetMetadata<ListenerMetadata>()?.Listener ?? DocumentListener(context);
        var actual = ListenerConnectionTag.Of(context);
        if (required is not null && actual is not null && required != actual)
        {
            return ApiProblem.RouteNotFound(context.Request.Path).WriteAsync(context);
        }

        return next(context);
    }

    /// <summary>An OpenAPI document is served only on the listener it describes.</summary>
    private static ApiListener? DocumentListener(HttpContext context) =>
        context.Request.RouteValues.TryGetValue("documentName", out var name) && name is string documentName
            ? OpenApi.ApiDocument.Published.FirstOrDefault(d => d.Name == documentName)?.Listener
            : null;
}
