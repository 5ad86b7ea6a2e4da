using ControlPlane.Api.Listeners;
using ControlPlane.Grains.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ControlPlane.Api.Observability;

/// <summary>
/// The gateway's OpenTelemetry: <see cref="ControlPlaneTelemetry"/> plus ASP.NET Core's metrics and HTTP server spans,
/// and the Prometheus exporter, scraped at <c>/metrics</c> on the internal listener only.
/// </summary>
public static class ApiTelemetry
{
    public const string ServiceName = "controlplane-api";

    public const string MetricsRoute = "/metrics";

    public static WebApplicationBuilder AddApiTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddControlPlaneTelemetry(
            ServiceName,
            metrics => metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter(),
            traces => traces.AddAspNetCoreInstrumentation(o => o.Filter = http => !RoutineRequests.Is(http)));
        return builder;
    }

    /// <summary>Maps the scrape endpoint on the internal listener (the external one answers 404).</summary>
    public static IEndpointConventionBuilder MapMetricsEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsRoute).OnListener(ApiListener.Internal).ExcludeFromDescription();
}
