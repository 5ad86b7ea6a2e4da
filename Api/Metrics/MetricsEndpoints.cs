namespace ControlPlane.Api.Metrics;

/// <summary>/metrics on both listeners: every exported instrument in the Prometheus text format.</summary>
public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/metrics", (PrometheusMetricsCollector collector) => Results.Text(collector.Scrape(), PrometheusText.ContentType))
            .ExcludeFromDescription();
        return endpoints;
    }
}
