using ControlPlane.Runtime.Testing;
using ControlPlane.TestSupport;
using Npgsql;
using Xunit;

namespace ControlPlane.Runtime.Tests.Postgres;

/// <summary>The throwaway PostgreSQL harness that database-backed tests build on.</summary>
public sealed class PostgresServerTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task The_throwaway_server_answers_on_loopback_and_creates_isolated_databases()
    {
        var first = await fixture.Server.CreateDatabaseAsync();
        var second = await fixture.Server.CreateDatabaseAsync();

        await Execute(first, "CREATE TABLE t (v int); INSERT INTO t VALUES (42);");
        Assert.Equal(42, await Scalar<int>(first, "SELECT v FROM t"));
        Assert.Equal(0L, await Scalar<long>(second, "SELECT count(*) FROM pg_tables WHERE tablename = 't'"));
        Assert.Equal("127.0.0.1", new NpgsqlConnectionStringBuilder(first).Host);
    }

    [PostgresFact]
    public async Task A_restarted_server_keeps_committed_data()
    {
        await using var server = await PostgresServer.StartAsync();
        var db = await server.CreateDatabaseAsync();
        await Execute(db, "CREATE TABLE t (v int); INSERT INTO t VALUES (7);");

        await server.RestartAsync();

        Assert.Equal(7, await Scalar<int>(db, "SELECT v FROM t"));
    }

    [PostgresFact]
    public async Task Disposing_the_server_stops_it_and_removes_its_directory()
    {
        var server = await PostgresServer.StartAsync();
        var connectionString = server.ConnectionString;
        await server.DisposeAsync();

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => Scalar<int>(connectionString, "SELECT 1"));
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
