using ControlPlane.Grains.Abstractions.Specs.Validation;
using ControlPlane.Runtime;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Membership;

namespace ControlPlane.Api.Health;

/// <summary>
/// Liveness (/healthz: the process answers) and readiness (/readyz: the co-hosted silo runs, or the cluster answers a
/// probe call through the gateways; and the membership store, in-memory or PostgreSQL, can be read). Both listeners.
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/healthz", () => Results.Ok(new { status = "alive" })).ExcludeFromDescription();
        endpoints.MapGet("/readyz", ReadyAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReadyAsync(IServiceProvider services, IGrainFactory grains, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        var silo = services.GetService<Silo>();
        var cluster = silo is not null ? silo.Status == SiloStatus.Running : await ClusterAnswersAsync(grains, timeout.Token);
        var database = await MembershipReadableAsync(services.GetService<IMembershipTable>(), timeout.Token);
        var ready = cluster && database;
        var body = new Dictionary<string, object?>
        {
            ["status"] = ready ? "ready" : "not_ready",
            ["mode"] = silo is not null ? "co_hosted" : "client",
            ["cluster"] = cluster ? "reachable" : "unreachable",
            ["database"] = database ? "reachable" : "unreachable",
        };
        if (silo is not null)
        {
            body["silo"] = silo.Status.ToString().ToLowerInvariant();
            body["silo_name"] = silo.Name;
        }

        return ready ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<bool> ClusterAnswersAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<ISpecValidationGrain>(0).ValidateJson("{}", 3).WaitAsync(cancellationToken);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static async Task<bool> MembershipReadableAsync(IMembershipTable? membership, CancellationToken cancellationToken)
    {
        if (membership is null)
        {
            return true;
        }

        try
        {
            await membership.ReadVersionAsync(cancellationToken);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
