using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// Turns configuration into an Orleans cluster client (the Api when it does not co-host a silo): cluster identity from
/// <c>Client:ClusterId</c>/<c>Client:ServiceId</c>; gateways from the static list <c>Client:Gateways</c> (development)
/// or else from the PostgreSQL membership table (<c>ConnectionStrings:ControlPlane</c>). Connecting retries with
/// backoff for as long as the host runs, saying each time that no gateway answers.
/// </summary>
public static class ControlPlaneClientConfiguration
{
    /// <summary>True when configuration asks for a cluster client (<c>Client:Enabled=true</c> or any <c>Client:Gateways</c>).</summary>
    public static bool IsClientMode(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetValue<bool>("Client:Enabled") || StaticGateways(configuration).Count > 0;
    }

    public static IClientBuilder UseControlPlaneClientConfiguration(this IClientBuilder client, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Client");
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = section["ClusterId"] ?? configuration["Silo:ClusterId"] ?? "dev";
            o.ServiceId = section["ServiceId"] ?? configuration["Silo:ServiceId"] ?? "controlplane";
        });
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        client.Configure<ClientMessagingOptions>(o => configuration.GetSection("Messaging").Bind(o));
        client.Services.AddSingleton<IClientConnectionRetryFilter, GatewayConnectionRetry>();
        client.AddActivityPropagation();
        client.AddDashboard(ControlPlaneDashboard.Configure);

        var gateways = StaticGateways(configuration);
        if (gateways.Count > 0)
        {
            client.UseStaticClustering([.. gateways]);
        }
        else if (configuration.GetConnectionString(ClusterSettings.ConnectionStringName) is { Length: > 0 } connectionString)
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = ControlPlaneSiloConfiguration.Invariant;
                o.ConnectionString = connectionString;
            });
        }
        else
        {
            throw new InvalidOperationException("Client mode needs Client:Gateways (a static list) or ConnectionStrings:ControlPlane (gateways from the membership table).");
        }

        return client;
    }

    private static List<IPEndPoint> StaticGateways(IConfiguration configuration)
    {
        var endpoints = new List<IPEndPoint>();
        foreach (var entry in configuration.GetSection("Client:Gateways").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(entry.Value))
            {
                continue;
            }

            if (!IPEndPoint.TryParse(entry.Value, out var endpoint) || endpoint.Port == 0)
            {
                throw new InvalidOperationException($"Client:Gateways:{entry.Key}: '{entry.Value}' is not an address:port.");
            }

            endpoints.Add(endpoint);
        }

        return endpoints;
    }
}
