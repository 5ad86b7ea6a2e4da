using ControlPlane.Runtime.GrainDirectory;
using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Postgres;
using Npgsql;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>The PostgreSQL backend on one database; leases run on the database clock, so short ones are waited out.</summary>
public sealed class PostgresClusterBackend : ClusterBackend
{
    private PostgresClusterBackend(NpgsqlDataSource dataSource, string clusterId, string serviceId)
    {
        DataSource = dataSource;
        Membership = new PostgresMembershipTable(dataSource, clusterId);
        Directory = new PostgresGrainDirectory(dataSource, clusterId);
        Storage = new PostgresGrainStorage(dataSource, serviceId, clusterId);
    }

    public NpgsqlDataSource DataSource { get; }

    public override IMembershipTable Membership { get; }

    public override IGrainDirectory Directory { get; }

    public override IGrainStorage Storage { get; }

    public override TimeSpan ShortLease => TimeSpan.FromSeconds(1);

    /// <summary>A backend on <paramref name="connectionString"/> (a fresh database per test), initialized as a silo would.</summary>
    public static async Task<PostgresClusterBackend> CreateAsync(string connectionString, string clusterId = "cluster-a", string serviceId = "service-a")
    {
        var dataSource = PostgresDataSourceFactory.Create(connectionString, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), "controlplane-tests");
        var backend = new PostgresClusterBackend(dataSource, clusterId, serviceId);
        await backend.Membership.InitializeAsync(CancellationToken.None);
        await backend.Directory.InitializeAsync(CancellationToken.None);
        return backend;
    }

    protected override Task PassTimeAsync(TimeSpan atMost) =>
        Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(atMost.TotalMilliseconds, 10, 100)));

    public override ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
