using Npgsql;

namespace ControlPlane.Runtime.Postgres;

/// <summary>
/// The one connection pool a silo's membership table, directory and default grain stores share. A wrapper rather
/// than a bare NpgsqlDataSource in DI, so an application's own data source cannot be mistaken for it.
/// </summary>
internal sealed class PostgresClusterDataSource(NpgsqlDataSource dataSource, string clusterId) : IAsyncDisposable, IDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public string ClusterId { get; } = clusterId;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
