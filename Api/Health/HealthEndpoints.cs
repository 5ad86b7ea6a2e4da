using ControlPlane.Grains.Abstractions.Specs.Validation;
using ControlPlane.Grains.Hosting;
using Npgsql;
using Orleans.Runtime;
using Orleans;

namespace ControlPlane.Api.Health;

/// <summary>
/// Liveness (/healthz: the process answers) and readiness (/readyz: the cluster answers a probe call, through the co-hosted silo or the gateways,
/// and the PostgreSQL database, when configured, answers). Both listeners.
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
        var silo = services.GetService<ILocalSiloDetails>();
        var cluster = await ClusterAnswersAsync(grains, timeout.Token);
        var database = await DatabaseReachableAsync(services.GetRequiredService<IConfiguration>().GetConnectionString(ClusterSettings.ConnectionStringName), timeout.Token);
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
            body["silo"] = cluster ? "running" : "unavailable";
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

    private static async Task<bool> DatabaseReachableAsync(string? connectionString, CancellationToken cancellationToken)
    {
        if (connectionString is null)
        {
            return true;
        }

        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
