using ControlPlane.Runtime.Hosting;

namespace ControlPlane.Api.Health;

/// <summary>Liveness (/healthz: the process answers) and readiness (/readyz: the silo accepts grain calls).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));
        endpoints.MapGet("/readyz", (Silo silo) =>
        {
            var status = silo.Status;
            var body = new { status = status == SiloStatus.Running ? "ready" : "not_ready", silo = status.ToString().ToLowerInvariant(), silo_name = silo.Name };
            return status == SiloStatus.Running ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
