using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ControlPlane.Runtime.Postgres;

/// <summary>
/// Brings a database up to the runtime's schema: applies the pending embedded migrations in order, in one
/// transaction under a transaction-scoped advisory lock, so silos starting together neither race nor apply a
/// migration twice, and a failed migration leaves nothing half applied.
/// </summary>
public sealed class PostgresSchemaMigrator(NpgsqlDataSource dataSource, ILogger? logger = null)
{
    /// <summary>Advisory lock key (any fixed bigint): "cp-schema" in ASCII.</summary>
    private const long AdvisoryLockKey = 0x63702D736368656D;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public IReadOnlyList<SchemaMigration> Migrations { get; init; } = SchemaMigration.Embedded;

    /// <summary>Applies what is pending and returns the migrations this call applied (empty when up to date).</summary>
    public async Task<IReadOnlyList<SchemaMigration>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var lockAndTable = new NpgsqlCommand(
            """
            SELECT pg_advisory_xact_lock(@key);
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """, connection, transaction))
        {
            lockAndTable.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockAndTable.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand("SELECT version FROM schema_migrations", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var pending = Migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version).ToList();
        foreach (var migration in pending)
        {
            await using (var apply = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@version, @name)", connection, transaction);
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var migration in pending)
        {
            _logger.LogInformation("Applied schema migration {Version:D4} {Name}.", migration.Version, migration.Name);
        }

        return pending;
    }
}
