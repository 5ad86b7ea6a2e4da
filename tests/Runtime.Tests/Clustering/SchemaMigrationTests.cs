using ControlPlane.Runtime.Postgres;
using ControlPlane.TestSupport;
using Npgsql;
using Xunit;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>The schema migrator: each migration once, in order, safe when silos start together, all or nothing.</summary>
public sealed class SchemaMigrationTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [Fact]
    public void The_embedded_migrations_are_numbered_from_one_without_gaps()
    {
        var migrations = SchemaMigration.Embedded;

        Assert.Equal(Enumerable.Range(1, migrations.Count), migrations.Select(m => m.Version));
        Assert.Equal(["membership", "grain_directory", "grain_state"], migrations.Take(3).Select(m => m.Name));
        Assert.All(migrations, m => Assert.False(string.IsNullOrWhiteSpace(m.Sql)));
    }

    [PostgresFact]
    public async Task Migrations_are_applied_once_and_listed_in_schema_migrations()
    {
        await using var dataSource = NpgsqlDataSource.Create(await fixture.Server.CreateDatabaseAsync());
        var migrator = new PostgresSchemaMigrator(dataSource);

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(SchemaMigration.Embedded, first);
        Assert.Empty(second);
        Assert.Equal(SchemaMigration.Embedded.Select(m => (m.Version, m.Name)), await AppliedAsync(dataSource));
        foreach (var table in new[] { "membership_silos", "membership_version", "grain_directory", "grain_state" })
        {
            await using var exists = dataSource.CreateCommand($"SELECT to_regclass('{table}') IS NOT NULL");
            Assert.True((bool)(await exists.ExecuteScalarAsync())!, table);
        }
    }

    [PostgresFact]
    public async Task Concurrent_migrators_apply_each_migration_exactly_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await fixture.Server.CreateDatabaseAsync());

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => new PostgresSchemaMigrator(dataSource).MigrateAsync(CancellationToken.None))));

        Assert.Equal(SchemaMigration.Embedded.Select(m => m.Version), runs.SelectMany(r => r).Select(m => m.Version).Order());
        Assert.Equal(SchemaMigration.Embedded.Select(m => (m.Version, m.Name)), await AppliedAsync(dataSource));
    }

    [PostgresFact]
    public async Task A_failing_migration_rolls_back_every_migration_of_its_run()
    {
        await using var dataSource = NpgsqlDataSource.Create(await fixture.Server.CreateDatabaseAsync());
        var broken = new PostgresSchemaMigrator(dataSource)
        {
            Migrations = [.. SchemaMigration.Embedded, new SchemaMigration(900, "good", "CREATE TABLE good (id int)"), new SchemaMigration(901, "bad", "CREATE TABLE oops (")],
        };

        await Assert.ThrowsAsync<PostgresException>(() => broken.MigrateAsync(CancellationToken.None));

        await using var good = dataSource.CreateCommand("SELECT to_regclass('good') IS NULL AND to_regclass('grain_state') IS NULL");
        Assert.True((bool)(await good.ExecuteScalarAsync())!);
        Assert.Equal(SchemaMigration.Embedded, await new PostgresSchemaMigrator(dataSource).MigrateAsync(CancellationToken.None));
    }

    private static async Task<List<(int, string)>> AppliedAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var applied = new List<(int, string)>();
        while (await reader.ReadAsync())
        {
            Assert.False(reader.IsDBNull(2));
            applied.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return applied;
    }
}
