using ControlPlane.Grains.Hosting;
using Microsoft.Extensions.Configuration;

namespace ControlPlane.Grains.Testing;

/// <summary>
/// Configuration keys <see cref="ControlPlaneSiloConfigurator"/> reads (set them with
/// <c>TestClusterBuilder.ConfigureHostConfiguration</c> or <see cref="ControlPlaneTestClusterBuilderExtensions"/>).
/// </summary>
public static class ControlPlaneTestSettings
{
    /// <summary>Comma-separated sled ids every silo without its own entry hosts; default: both <see cref="TestSleds"/> on the primary silo only.</summary>
    public const string Sleds = "ControlPlaneTest:Sleds";

    /// <summary>Prefix of a per-silo sled list: <c>ControlPlaneTest:SiloSleds:&lt;silo name&gt;</c> (TestCluster names silos Primary, Secondary_1, ...).</summary>
    public const string SiloSleds = "ControlPlaneTest:SiloSleds";

    /// <summary>CPUs of each test sled (default 16).</summary>
    public const string SledCpus = "ControlPlaneTest:SledCpus";

    /// <summary>PostgreSQL for grain state and reminders; absent = in memory.</summary>
    public const string ConnectionString = "ConnectionStrings:ControlPlane";

    /// <summary><c>postgres</c> puts membership in PostgreSQL too (with the project's failure detection); default: TestCluster's own.</summary>
    public const string Clustering = "ControlPlaneTest:Clustering";

    /// <summary><c>Kind:Step</c> (e.g. <c>Start:RegisterOnSled</c>): the silo kills its own process after an instance recorded that step (with <see cref="CrashMarker"/>).</summary>
    public const string CrashAfterStep = "ControlPlaneTest:CrashAfterStep";

    /// <summary>A file path created by the one silo that kills itself for <see cref="CrashAfterStep"/>; once it exists no silo does.</summary>
    public const string CrashMarker = "ControlPlaneTest:CrashMarker";

    /// <summary>The primary silo's name in a TestCluster.</summary>
    public const string PrimarySiloName = "Primary";

    /// <summary>True when <paramref name="configuration"/> names a database and asks for <see cref="Clustering"/> = postgres.</summary>
    public static bool UsesPostgresClustering(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ClusterSettings.ConnectionStringName))
            && string.Equals(configuration[Clustering], "postgres", StringComparison.OrdinalIgnoreCase);
    }
}
