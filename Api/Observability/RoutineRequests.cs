namespace ControlPlane.Api.Observability;

/// <summary>
/// Requests machines make all day (scrapes, probes, the dashboard's one-second polls): logged at Debug and not traced,
/// so a healthy gateway's log and trace store hold what people did. They still count in <c>http.server.*</c>.
/// </summary>
public static class RoutineRequests
{
    private static readonly string[] Prefixes = [ApiTelemetry.MetricsRoute, "/healthz", "/readyz", DashboardEndpoints.Route];

    public static bool Is(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Prefixes.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
    }
}
