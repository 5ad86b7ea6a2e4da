using System.Collections.Concurrent;
using ControlPlane.Grains.Persistence;
using Npgsql;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// What an executable checks before it builds its host, so that a bad database setting ends the process with one
/// clear line instead of a stack trace per failed lifecycle stage: the database answers and its schema is one this
/// build can run on (pending migrations are applied; a newer schema is refused).
/// </summary>
public static class StartupChecks
{
    /// <summary>Databases this process has already brought up to date: the silo's own migration stage then has nothing to do.</summary>
    private static readonly ConcurrentDictionary<string, bool> Prepared = new(StringComparer.Ordinal);

    /// <summary>True when <see cref="PrepareDatabaseAsync"/> migrated this database in this process.</summary>
    internal static bool WasPrepared(string connectionString) => Prepared.ContainsKey(connectionString);

    /// <summary>Null when no database is configured; else the schema after migrating.</summary>
    public static async Task<SchemaMigrationResult?> PrepareDatabaseAsync(ClusterSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ConnectionString is not { } connectionString)
        {
            return null;
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new StartupRefusedException($"{ClusterSettings.ConnectionStringSetting}: not a valid PostgreSQL connection string ({ex.Message}).", ex);
        }

        try
        {
            var result = await new PostgresSchemaMigrator(connectionString).MigrateAsync(cancellationToken).ConfigureAwait(false);
            Prepared[connectionString] = true;
            return result;
        }
        catch (Exception ex) when (ex is DatabaseSchemaTooNewException or SchemaMigrationMismatchException)
        {
            throw new StartupRefusedException($"{ClusterSettings.ConnectionStringSetting}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new StartupRefusedException($"{ClusterSettings.ConnectionStringSetting}: cannot reach PostgreSQL at {parsed.Host}:{parsed.Port}/{parsed.Database} ({ex.Message}).", ex);
        }
    }
}
