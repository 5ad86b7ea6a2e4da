using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Postgres;
using Microsoft.Extensions.Configuration;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// The one place both executables (Silo, and Api when it co-hosts) turn configuration into a silo: identity from
/// <c>Silo</c>, ports from <c>Endpoints</c>, lease and roles from <c>Membership</c>, the backend from <c>ConnectionStrings:ControlPlane</c> (PostgreSQL for membership, directory and
/// grain state; absent means the embedded in-memory default), and the control plane's grains.
/// </summary>
public static class ControlPlaneSiloConfiguration
{
    /// <summary>The connection-string name (<c>ConnectionStrings__ControlPlane</c> in the environment).</summary>
    public const string ConnectionStringName = "ControlPlane";

    /// <summary>True when configuration names a PostgreSQL database (otherwise the silo is the in-memory embedded default).</summary>
    public static bool UsesPostgres(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration?.GetConnectionString(ConnectionStringName));

    public static ISiloBuilder UseControlPlaneConfiguration(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        silo.Configure<SiloOptions>(o => configuration.GetSection("Silo").Bind(o));
        silo.Configure<MessagingOptions>(o => configuration.GetSection("Messaging").Bind(o));
        silo.Configure<EndpointOptions>(o => configuration.GetSection("Endpoints").Bind(o));
        silo.Configure<ClusterMembershipOptions>(o => configuration.GetSection("Membership").Bind(o));
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            silo.AddMemoryGrainStorageAsDefault();
        }
        else
        {
            silo.UsePostgresClustering(o => o.ConnectionString = connectionString);
            silo.AddPostgresGrainStorageAsDefault();
        }

        return silo.AddControlPlaneGrains();
    }
}
