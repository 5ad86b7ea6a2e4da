using ControlPlane.Grains.Persistence;
using ControlPlane.TestSupport;
using Npgsql;

namespace ControlPlane.Grains.Tests.Persistence;

/// <summary>A fresh database on the class's throwaway server, migrated to this build's schema, so every test starts clean.</summary>
internal static class MigratedDatabase
{
    public static async Task<string> CreateAsync(PostgresFixture postgres)
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await new PostgresSchemaMigrator(connectionString).MigrateAsync();
        return connectionString;
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
