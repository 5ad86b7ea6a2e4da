using ControlPlane.Runtime.GrainDirectory;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Runtime.Postgres;

/// <summary>Puts a silo's membership, directory and grain state in PostgreSQL.</summary>
public static class PostgresSiloBuilderExtensions
{
    private const string ApplicationName = "controlplane-silo";

    /// <summary>
    /// Registers the PostgreSQL membership table and grain directory (singletons over one shared connection pool).
    /// The silo calls their InitializeAsync at start, which applies pending schema migrations.
    /// </summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, Action<PostgresClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<PostgresClusteringOptions>().Configure(configure);
        builder.Services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PostgresClusteringOptions>>().Value;
            if (string.IsNullOrEmpty(options.ConnectionString))
            {
                throw new InvalidOperationException("UsePostgresClustering needs PostgresClusteringOptions.ConnectionString.");
            }

            var clusterId = options.ClusterId ?? sp.GetRequiredService<IOptions<SiloOptions>>().Value.ClusterId;
            var dataSource = PostgresDataSourceFactory.Create(options.ConnectionString, options.ConnectTimeout, options.CommandTimeout, ApplicationName);
            return new PostgresClusterDataSource(dataSource, clusterId);
        });
        builder.Services.RemoveAll<IMembershipTable>();
        builder.Services.RemoveAll<IGrainDirectory>();
        builder.Services.AddSingleton<IMembershipTable>(sp =>
        {
            var shared = sp.GetRequiredService<PostgresClusterDataSource>();
            return new PostgresMembershipTable(shared.DataSource, shared.ClusterId, sp.GetService<ILogger<PostgresMembershipTable>>());
        });
        builder.Services.AddSingleton<IGrainDirectory>(sp =>
        {
            var shared = sp.GetRequiredService<PostgresClusterDataSource>();
            return new PostgresGrainDirectory(shared.DataSource, shared.ClusterId, sp.GetService<ILogger<PostgresGrainDirectory>>());
        });
        return builder;
    }

    /// <summary>
    /// Adds a PostgreSQL grain store named <paramref name="name"/>. Without its own connection string it shares the
    /// clustering pool (and so needs <see cref="UsePostgresClustering"/>).
    /// </summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name, Action<PostgresGrainStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        var optionsBuilder = builder.Services.AddOptions<PostgresGrainStorageOptions>(name);
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(name);
            var silo = sp.GetRequiredService<IOptions<SiloOptions>>().Value;
            var serviceId = options.ServiceId ?? silo.ServiceId;
            var logger = sp.GetService<ILogger<PostgresGrainStorage>>();
            if (string.IsNullOrEmpty(options.ConnectionString))
            {
                var shared = sp.GetService<PostgresClusterDataSource>()
                    ?? throw new InvalidOperationException($"Grain storage '{name}' has no ConnectionString and UsePostgresClustering was not called.");
                return new PostgresGrainStorage(shared.DataSource, serviceId, options.ClusterId ?? shared.ClusterId, logger);
            }

            var own = PostgresDataSourceFactory.Create(options.ConnectionString, options.ConnectTimeout, options.CommandTimeout, ApplicationName);
            return new PostgresGrainStorage(own, serviceId, options.ClusterId ?? silo.ClusterId, logger) { OwnsDataSource = true };
        });
        return builder;
    }

    public static ISiloBuilder AddPostgresGrainStorageAsDefault(this ISiloBuilder builder, Action<PostgresGrainStorageOptions>? configure = null) =>
        builder.AddPostgresGrainStorage(GrainStorageNames.Default, configure);
}
