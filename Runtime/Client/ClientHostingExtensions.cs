using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Membership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Runtime.Client;

/// <summary>Adds an external cluster client to a host, the way UseOrleansClient does: it connects at start (with retries) and closes at stop.</summary>
public static class ClientHostingExtensions
{
    /// <summary>
    /// Registers <see cref="IClusterClient"/> over gateways. Options bind from the "Client" configuration section, then
    /// <paramref name="configure"/> runs. When an <see cref="IMembershipTable"/> is registered, gateways are discovered from it.
    /// </summary>
    public static IServiceCollection AddControlPlaneClient(this IServiceCollection services, IConfiguration configuration, Action<GatewayClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(Silo)))
        {
            throw new InvalidOperationException("This host runs a silo; use the silo's co-hosted client instead of an external one.");
        }

        services.AddOptions<GatewayClientOptions>().Bind(configuration.GetSection("Client"));
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(sp => new GatewayClusterClient(
            sp.GetRequiredService<IOptions<GatewayClientOptions>>().Value,
            sp.GetService<IMembershipTable>(),
            sp,
            sp.GetServices<SerializerConfiguration>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<IClusterClient>(sp => sp.GetRequiredService<GatewayClusterClient>());
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GatewayClusterClient>());
        services.AddHostedService<ClientHostedService>();
        return services;
    }

    public static IHostApplicationBuilder UseControlPlaneClient(this IHostApplicationBuilder builder, Action<GatewayClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddControlPlaneClient(builder.Configuration, configure);
        return builder;
    }

    private sealed class ClientHostedService(GatewayClusterClient client) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => client.ConnectAsync(cancellationToken: cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => client.DisposeAsync().AsTask();
    }
}
