using System.Reflection;
using System.Text.Json;
using ControlPlane.Runtime.Cluster;
using ControlPlane.Runtime.GrainDirectory;
using ControlPlane.Runtime.Manifest;
using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ControlPlane.Runtime.Hosting;

/// <summary>Configures a silo: its services, storage providers, options and application parts.</summary>
public interface ISiloBuilder
{
    IServiceCollection Services { get; }

    IConfiguration Configuration { get; }
}

internal sealed class SiloBuilder(IServiceCollection services, IConfiguration configuration) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;
}

/// <summary>Adds a silo to a .NET generic host, the way UseOrleans does.</summary>
public static class SiloHostingExtensions
{
    public static IHostApplicationBuilder UseControlPlaneSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddControlPlaneSilo(builder.Configuration, configure);
        return builder;
    }

    public static IHostBuilder UseControlPlaneSilo(this IHostBuilder builder, Action<HostBuilderContext, ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices((context, services) =>
            services.AddControlPlaneSilo(context.Configuration, silo => configure?.Invoke(context, silo)));
    }

    public static IServiceCollection AddControlPlaneSilo(this IServiceCollection services, IConfiguration configuration, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(Silo)))
        {
            throw new InvalidOperationException("A silo is already configured on this host.");
        }

        services.AddOptions();
        services.AddLogging();
        services.AddOptions<EndpointOptions>().BindConfiguration("Silo:Endpoints");
        services.AddOptions<ClusterMembershipOptions>().BindConfiguration("Silo:Membership");
        services.TryAddSingleton<Silo>();
        services.TryAddSingleton<IClusterClient>(sp => sp.GetRequiredService<Silo>().Client);
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<Silo>().Client);
        services.AddHostedService<SiloHostedService>();
        configure?.Invoke(new SiloBuilder(services, configuration));

        // The embedded default when nothing else was configured: an in-memory cluster of this one process.
        services.TryAddSingleton(_ => new InMemoryCluster());
        services.TryAddSingleton<IMembershipTable>(sp => sp.GetRequiredService<InMemoryCluster>().Membership);
        services.TryAddSingleton<IGrainDirectory>(sp => sp.GetRequiredService<InMemoryCluster>().Directory);
        return services;
    }
}

/// <summary>Runs the silo's start and graceful stop with the host.</summary>
internal sealed class SiloHostedService(Silo silo) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => silo.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => silo.StopAsync(cancellationToken);
}

/// <summary>The common ways to configure a silo.</summary>
public static class SiloBuilderExtensions
{
    public static ISiloBuilder Configure<TOptions>(this ISiloBuilder builder, Action<TOptions> configure) where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds an in-memory grain store named <paramref name="name"/> (the embedded default; state lives as long as the process).</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder builder, string name = GrainStorageNames.Default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new MemoryGrainStorage(sp.GetService<IGrainDirectory>() as IFenceAuthority));
        return builder;
    }

    /// <summary>
    /// Uses an in-memory membership table and directory (the embedded default). Pass one <see cref="InMemoryCluster"/>
    /// to several silos of a process to make them one cluster; its <see cref="InMemoryCluster.Storage"/> becomes the default store.
    /// </summary>
    public static ISiloBuilder UseInMemoryClustering(this ISiloBuilder builder, InMemoryCluster? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        cluster ??= new InMemoryCluster();
        builder.Services.AddSingleton(cluster);
        builder.Services.AddSingleton<IMembershipTable>(cluster.Membership);
        builder.Services.AddSingleton<IGrainDirectory>(cluster.Directory);
        builder.Services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default, cluster.Storage);
        return builder;
    }

    /// <summary>Sets the silo's ports and advertised host (port 0 picks a free port).</summary>
    public static ISiloBuilder ConfigureEndpoints(this ISiloBuilder builder, int siloPort, int? gatewayPort, string advertisedHost = "127.0.0.1")
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<EndpointOptions>(o =>
        {
            o.SiloPort = siloPort;
            o.GatewayPort = gatewayPort;
            o.AdvertisedHost = advertisedHost;
        });
        return builder;
    }

    public static ISiloBuilder AddMemoryGrainStorageAsDefault(this ISiloBuilder builder) =>
        builder.AddMemoryGrainStorage(GrainStorageNames.Default);

    /// <summary>Adds a grain store instance under <paramref name="name"/> (tests use this to share or inspect a store).</summary>
    public static ISiloBuilder AddGrainStorage(this ISiloBuilder builder, string name, IGrainStorage storage)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddKeyedSingleton(name, storage);
        return builder;
    }

    /// <summary>Loads the grain interfaces and classes of an assembly explicitly (assemblies already loaded are found on their own).</summary>
    public static ISiloBuilder AddApplicationPart(this ISiloBuilder builder, Assembly assembly)
    {
        GrainManifest.AddAssembly(assembly);
        return builder;
    }

    /// <summary>Adjusts the runtime's JSON options, for example to add a source-generated JsonSerializerContext.</summary>
    public static ISiloBuilder ConfigureSerializer(this ISiloBuilder builder, Action<JsonSerializerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new SerializerConfiguration(configure));
        return builder;
    }
}
