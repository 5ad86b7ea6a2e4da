using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ControlPlane.Grains.Persistence;

/// <summary>
/// Brings a PostgreSQL database to the schema of this build (the deploy/sql migrations embedded in the assembly) before
/// the Orleans ADO.NET providers read their queries from it; safe when several silos start at once.
/// </summary>
/// <remarks>
/// Holds a session-level advisory lock for the whole run, so concurrent runs take turns and the later ones find
/// nothing to do. Each pending migration runs in its own transaction together with its schema_migrations row, so a
/// failing migration leaves the database at the previous version. Refuses a database that has migrations this build
/// does not know (<see cref="DatabaseSchemaTooNewException"/>) or whose record of applied migrations disagrees with
/// this build (<see cref="SchemaMigrationMismatchException"/>).
/// </remarks>
public sealed partial class PostgresSchemaMigrator
{
    /// <summary>The advisory lock key every silo takes while migrating ("CPSchema" as ASCII).</summary>
    internal const long AdvisoryLockKey = 0x4350_5363_6865_6d61;

    private const string CreateHistoryTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer     PRIMARY KEY,
            name       text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            checksum   text        NOT NULL
        )
        """;

    private readonly string _connectionString;
    private readonly IReadOnlyList<SchemaMigration> _migrations;
    private readonly ILogger _logger;

    /// <summary>A migrator for the database <paramref name="connectionString"/> points at, with this build's migrations.</summary>
    public PostgresSchemaMigrator(string connectionString, ILogger<PostgresSchemaMigrator>? logger = null)
        : this(connectionString, SchemaMigration.LoadEmbedded(typeof(PostgresSchemaMigrator).Assembly), logger)
    {
    }

    internal PostgresSchemaMigrator(string connectionString, IReadOnlyList<SchemaMigration> migrations, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(migrations);
        _connectionString = connectionString;
        _migrations = migrations;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The highest migration version this build knows (0 when it has none).</summary>
    public int KnownVersion => _migrations.Count == 0 ? 0 : _migrations[^1].Version;

    /// <summary>Applies every pending migration in version order; does nothing when the database is up to date.</summary>
    /// <exception cref="DatabaseSchemaTooNewException">The database has a migration newer than this build's newest.</exception>
    /// <exception cref="SchemaMigrationMismatchException">An applied migration was changed, or is unknown, or one is missing.</exception>
    public async Task<SchemaMigrationResult> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(_connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@key)", AdvisoryLockKey, cancellationToken).ConfigureAwait(false);
            try
            {
                return await MigrateLockedAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await UnlockAsync(connection).ConfigureAwait(false);
            }
        }
    }

    private async Task<SchemaMigrationResult> MigrateLockedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, CreateHistoryTable, null, cancellationToken).ConfigureAwait(false);
        var recorded = await ReadHistoryAsync(connection, cancellationToken).ConfigureAwait(false);
        var pending = FindPending(recorded);

        var applied = new List<AppliedSchemaMigration>(pending.Count);
        foreach (var migration in pending)
        {
            applied.Add(await ApplyAsync(connection, migration, cancellationToken).ConfigureAwait(false));
        }

        var version = Math.Max(recorded.Count == 0 ? 0 : recorded.Keys.Max(), applied.Count == 0 ? 0 : applied[^1].Version);
        var builder = new NpgsqlConnectionStringBuilder(_connectionString);
        LogUpToDate(builder.Database ?? "", version, applied.Count);
        return new SchemaMigrationResult(version, applied);
    }

    /// <summary>Checks the recorded history against this build and returns what is left to apply, in order.</summary>
    private List<SchemaMigration> FindPending(IReadOnlyDictionary<int, RecordedMigration> recorded)
    {
        var known = _migrations.ToDictionary(m => m.Version);
        var newest = recorded.Count == 0 ? 0 : recorded.Keys.Max();
        if (newest > KnownVersion)
        {
            throw new DatabaseSchemaTooNewException(newest, KnownVersion);
        }

        foreach (var (version, row) in recorded.OrderBy(r => r.Key))
        {
            if (!known.TryGetValue(version, out var migration))
            {
                throw new SchemaMigrationMismatchException(
                    $"The database records migration {version} ({row.Name}), which this build does not have " +
                    $"(it knows {string.Join(", ", known.Keys.Order())}).");
            }

            if (!string.Equals(row.Checksum, migration.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new SchemaMigrationMismatchException(
                    $"Migration {version} ({migration.Name}) was changed after it was applied: the database recorded checksum " +
                    $"{row.Checksum}, this build's file has {migration.Checksum}. Never edit a shipped migration; add a new one.");
            }
        }

        var pending = _migrations.Where(m => !recorded.ContainsKey(m.Version)).ToList();
        if (pending.Count > 0 && pending[0].Version < newest)
        {
            throw new SchemaMigrationMismatchException(
                $"Migration {pending[0].Version} ({pending[0].Name}) was never applied, but the later migration {newest} was: " +
                "the database was migrated out of order, so this build will not guess.");
        }

        return pending;
    }

    private async Task<AppliedSchemaMigration> ApplyAsync(NpgsqlConnection connection, SchemaMigration migration, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            try
            {
                await ExecuteAsync(connection, transaction, migration.Sql, null, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException exception)
            {
                throw new InvalidOperationException(
                    $"Migration {migration.Version} ({migration.Name}) failed and was rolled back: {exception.MessageText}", exception);
            }

            var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (@version, @name, now(), @checksum)",
                connection,
                transaction);
            await using (record.ConfigureAwait(false))
            {
                record.Parameters.AddWithValue("version", migration.Version);
                record.Parameters.AddWithValue("name", migration.Name);
                record.Parameters.AddWithValue("checksum", migration.Checksum);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var elapsed = stopwatch.Elapsed;
        LogApplied(migration.Version, migration.Name, (long)elapsed.TotalMilliseconds);
        return new AppliedSchemaMigration(migration.Version, migration.Name, migration.Checksum, elapsed);
    }

    private static async Task<Dictionary<int, RecordedMigration>> ReadHistoryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // The former home-made runtime created schema_migrations without a checksum; its tables are not Orleans'.
        var hasChecksum = new NpgsqlCommand(
            """
            SELECT EXISTS (SELECT 1 FROM information_schema.columns
                           WHERE table_schema = current_schema() AND table_name = 'schema_migrations' AND column_name = 'checksum')
            """,
            connection);
        await using (hasChecksum.ConfigureAwait(false))
        {
            if (await hasChecksum.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                throw new SchemaMigrationMismatchException(
                    "schema_migrations has no checksum column: this database was set up by the former runtime, whose schema " +
                    "the Orleans providers cannot use. Point the silos at a new, empty database.");
            }
        }

        var history = new Dictionary<int, RecordedMigration>();
        var read = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations ORDER BY version", connection);
        await using (read.ConfigureAwait(false))
        {
            var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    history.Add(reader.GetInt32(0), new RecordedMigration(reader.GetString(1), reader.GetString(2)));
                }
            }
        }

        return history;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, long? key, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await using (command.ConfigureAwait(false))
        {
            if (key is { } value)
            {
                command.Parameters.AddWithValue("key", value);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task UnlockAsync(NpgsqlConnection connection)
    {
        try
        {
            await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key)", AdvisoryLockKey, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // A broken session already released its advisory locks; the original error (if any) is the one that matters.
            LogUnlockFailed(exception);
        }
    }

    private sealed record RecordedMigration(string Name, string Checksum);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied schema migration {Version} {Name} in {ElapsedMilliseconds} ms")]
    private partial void LogApplied(int version, string name, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Database {Database} is at schema version {Version} ({AppliedCount} migrations applied now)")]
    private partial void LogUpToDate(string database, int version, int appliedCount);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Releasing the schema migration lock failed; the session's end releases it")]
    private partial void LogUnlockFailed(Exception exception);
}
