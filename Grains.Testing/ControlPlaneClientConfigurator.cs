using ControlPlane.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace ControlPlane.Grains.Testing;

/// <summary>
/// Makes TestCluster's client match its silos: with <see cref="ControlPlaneTestSettings.Clustering"/> = postgres the
/// client finds gateways in the PostgreSQL membership table (refreshed every 2 s, so restarted silos are found soon),
/// as the Api does in client mode; otherwise it leaves TestCluster's own client clustering alone. "Messaging" (e.g.
/// ResponseTimeout) is bound from configuration either way.
/// </summary>
public sealed class ControlPlaneClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(clientBuilder);
        clientBuilder.Configure<ClientMessagingOptions>(o => configuration.GetSection("Messaging").Bind(o));
        if (!ControlPlaneTestSettings.UsesPostgresClustering(configuration))
        {
            return;
        }

        clientBuilder.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
        clientBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = ControlPlaneSiloConfiguration.Invariant;
            o.ConnectionString = configuration.GetConnectionString(ClusterSettings.ConnectionStringName);
        });
    }
}
