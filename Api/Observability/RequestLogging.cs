using Serilog;
using Microsoft.Extensions.DependencyInjection;
using Serilog.AspNetCore;

namespace ControlPlane.Api.Observability;

/// <summary>
/// One log line per request (Serilog.AspNetCore): method, route template (never the raw path with its ids), status,
/// elapsed time and the request id (<see cref="Problems.RequestId"/>: the request's trace id, sent as <c>x-request-id</c>). Bodies are
/// never logged. <see cref="RoutineRequests"/> log at Debug so a healthy gateway's log stays quiet.
/// </summary>
public static class RequestLogging
{
    public const string MessageTemplate = "HTTP {RequestMethod} {RouteTemplate} responded {StatusCode} in {Elapsed:0.0} ms (request {RequestId})";

    public static IApplicationBuilder UseApiRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
        return app.UseSerilogRequestLogging(options => Configure(options, logger));
    }

    private static void Configure(RequestLoggingOptions options, Serilog.ILogger logger)
    {
        options.Logger = logger.ForContext("SourceContext", "ControlPlane.Api.Requests");
        options.MessageTemplate = MessageTemplate;
        options.GetLevel = (http, _, exception) =>
            exception is not null || http.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
            : RoutineRequests.Is(http) ? Serilog.Events.LogEventLevel.Debug
            : Serilog.Events.LogEventLevel.Information;
        options.EnrichDiagnosticContext = (diagnostics, http) =>
        {
            diagnostics.Set("RouteTemplate", RouteTemplate(http));
            diagnostics.Set("RequestId", Problems.RequestId.Of(http)); // the x-request-id header and the problem documents' request_id
            diagnostics.Set("Listener", Listeners.ListenerConnectionTag.Of(http)?.ToString().ToLowerInvariant());
        };
    }

    /// <summary>The matched route's template (<c>/v1/instances/{instance_id}</c>), or <c>(unmatched)</c>.</summary>
    public static string RouteTemplate(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.GetEndpoint() is RouteEndpoint route ? "/" + route.RoutePattern.RawText?.TrimStart('/') : "(unmatched)";
    }
}
