using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace ControlPlane.Grains.Testing;

/// <summary>One call that makes a <see cref="TestClusterBuilder"/> build a control-plane cluster.</summary>
public static class ControlPlaneTestClusterBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ControlPlaneSiloConfigurator"/> to every silo and <see cref="ControlPlaneClientConfigurator"/> to the client; <paramref name="connectionString"/> puts grain state
    /// and reminders on PostgreSQL. Transport, membership and directory stay TestCluster's: in-memory transport and
    /// test membership (set <c>TestClusterOptions</c> for TCP or PostgreSQL membership), the distributed directory.
    /// </summary>
    public static TestClusterBuilder AddControlPlane(this TestClusterBuilder builder, string? connectionString = null, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureHostConfiguration(configuration =>
        {
            var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
            if (connectionString is not null)
            {
                values[ControlPlaneTestSettings.ConnectionString] = connectionString;
            }

            configuration.AddInMemoryCollection(values);
        });
        builder.AddSiloBuilderConfigurator<ControlPlaneSiloConfigurator>();
        builder.AddClientBuilderConfigurator<ControlPlaneClientConfigurator>();
        return builder;
    }
}
