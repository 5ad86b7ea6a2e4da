using ControlPlane.Grains.Persistence;
using ControlPlane.TestSupport;
using Npgsql;
using Xunit;

namespace ControlPlane.Grains.Tests.Persistence;

/// <summary>The schema migrator: applies deploy/sql in order once, takes turns under concurrency, refuses what it does not know.</summary>
public sealed class PostgresSchemaMigratorTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly string[] OrleansQueryKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [PostgresFact]
    public async Task A_fresh_database_gets_every_migration_in_order_and_each_is_recorded_with_its_checksum()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        var migrator = new PostgresSchemaMigrator(connectionString);

        var result = await migrator.MigrateAsync();

        Assert.Equal([1, 2, 3, 4], result.Applied.Select(m => m.Version));
        Assert.Equal(["orleans_query", "clustering", "grain_storage", "reminders"], result.Applied.Select(m => m.Name));
        Assert.Equal(4, result.SchemaVersion);
        Assert.Equal(4, migrator.KnownVersion);
        var recorded = await ReadHistoryAsync(connectionString);
        Assert.Equal(result.Applied.Select(m => (m.Version, m.Name, m.Checksum)), recorded);
        Assert.All(recorded, r => Assert.Matches("^[0-9a-f]{64}$", r.Checksum));
    }

    [PostgresFact]
    public async Task The_schema_holds_exactly_the_query_texts_the_Orleans_providers_read()
    {
        var connectionString = await MigratedDatabase.CreateAsync(postgres);

        var keys = new List<string>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            // The providers' own statement, unquoted as they send it.
            await using var command = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(reader.GetOrdinal("QueryKey")));
                Assert.False(string.IsNullOrWhiteSpace(reader.GetString(reader.GetOrdinal("QueryText"))));
            }
        }

        Assert.Equal(OrleansQueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [PostgresFact]
    public async Task A_second_run_applies_nothing_and_changes_nothing()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await new PostgresSchemaMigrator(connectionString).MigrateAsync();
        var before = await ReadHistoryAsync(connectionString);

        var second = await new PostgresSchemaMigrator(connectionString).MigrateAsync();

        Assert.Empty(second.Applied);
        Assert.Equal(4, second.SchemaVersion);
        Assert.Equal(before, await ReadHistoryAsync(connectionString));
    }

    [PostgresFact]
    public async Task Silos_migrating_at_the_same_time_take_turns_and_apply_each_migration_once()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => new PostgresSchemaMigrator(connectionString).MigrateAsync())));

        Assert.Equal([1, 2, 3, 4], results.SelectMany(r => r.Applied).Select(m => m.Version).Order());
        Assert.All(results, r => Assert.Equal(4, r.SchemaVersion));
        Assert.Equal(4, (await ReadHistoryAsync(connectionString)).Count);
    }

    [PostgresFact]
    public async Task A_database_migrated_by_a_newer_build_is_refused()
    {
        var connectionString = await MigratedDatabase.CreateAsync(postgres);
        await MigratedDatabase.ExecuteAsync(connectionString,
            "INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (7, 'from_the_future', now(), 'abc')");

        var refused = await Assert.ThrowsAsync<DatabaseSchemaTooNewException>(() => new PostgresSchemaMigrator(connectionString).MigrateAsync());

        Assert.Equal(7, refused.DatabaseVersion);
        Assert.Equal(4, refused.KnownVersion);
        Assert.Contains("database schema version 7 is newer than this build's 4", refused.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task An_applied_migration_whose_file_changed_is_refused()
    {
        var connectionString = await MigratedDatabase.CreateAsync(postgres);
        await MigratedDatabase.ExecuteAsync(connectionString, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 3");

        var refused = await Assert.ThrowsAsync<SchemaMigrationMismatchException>(() => new PostgresSchemaMigrator(connectionString).MigrateAsync());

        Assert.Contains("Migration 3 (grain_storage) was changed after it was applied", refused.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_database_set_up_by_the_former_runtime_is_refused_with_a_clear_message()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await MigratedDatabase.ExecuteAsync(connectionString,
            "CREATE TABLE schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL); " +
            "INSERT INTO schema_migrations VALUES (1, 'membership', now())");

        var refused = await Assert.ThrowsAsync<SchemaMigrationMismatchException>(() => new PostgresSchemaMigrator(connectionString).MigrateAsync());

        Assert.Contains("no checksum column", refused.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_failing_migration_is_rolled_back_and_the_ones_before_it_stay_applied()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        SchemaMigration[] migrations =
        [
            SchemaMigration.Parse("0001_good.sql", "CREATE TABLE good (id int);"),
            SchemaMigration.Parse("0002_bad.sql", "CREATE TABLE half_done (id int); SELECT * FROM no_such_table;"),
        ];

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => new PostgresSchemaMigrator(connectionString, migrations, null).MigrateAsync());

        Assert.Contains("Migration 2 (bad) failed", failure.Message, StringComparison.Ordinal);
        Assert.Equal([(1, "good", migrations[0].Checksum)], await ReadHistoryAsync(connectionString));
        Assert.Equal(0L, await MigratedDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'"));
    }

    [Fact]
    public void Checksums_ignore_line_endings_but_not_content()
    {
        Assert.Equal(SchemaMigration.ChecksumOf("SELECT 1;\nSELECT 2;\n"), SchemaMigration.ChecksumOf("SELECT 1;\r\nSELECT 2;\r\n"));
        Assert.NotEqual(SchemaMigration.ChecksumOf("SELECT 1;"), SchemaMigration.ChecksumOf("SELECT 2;"));
    }

    private static async Task<List<(int Version, string Name, string Checksum)>> ReadHistoryAsync(string connectionString)
    {
        var rows = new List<(int, string, string)>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }
}
