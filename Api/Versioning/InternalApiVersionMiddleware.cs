using System.Globalization;
using ControlPlane.Api.Problems;

namespace ControlPlane.Api.Versioning;

/// <summary>
/// Runs after routing for versioned (internal) routes: reads <c>api-version</c>, answers 404 when the route does not
/// exist in that version (the legacy upcall in version 2), echoes the version and flags deprecated routes.
/// </summary>
public sealed class InternalApiVersionMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<ApiVersionRange>() is not { } range)
        {
            return next(context);
        }

        var version = InternalApiVersion.Parse(context.Request);
        if (!range.Contains(version))
        {
            var problem = ApiProblem.RouteNotFound(context.Request.Path) with
            {
                Detail = $"No route {context.Request.Method} {context.Request.Path} in internal API version {version}.",
            };
            return problem.WriteAsync(context);
        }

        InternalApiVersion.Set(context, version);
        var deprecated = metadata.GetMetadata<DeprecatedRoute>();

        // Added when the response starts, so problem documents (written after the response is cleared) carry them too.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[InternalApiVersion.HeaderName] = version.ToString(CultureInfo.InvariantCulture);
            if (deprecated is not null)
            {
                context.Response.Headers["Deprecation"] = $"@{deprecated.Since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
