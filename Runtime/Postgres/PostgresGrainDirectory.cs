using ControlPlane.Runtime.GrainDirectory;
using ControlPlane.Runtime.Membership;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ControlPlane.Runtime.Postgres;

/// <summary>
/// The fenced grain directory in PostgreSQL (grain_directory). Registration is one statement that inserts, or
/// takes over an entry whose silo is Dead or lease-expired on the database clock, drawing a new fencing token
/// from a sequence; the state store checks that token in its own write statements.
/// </summary>
public sealed class PostgresGrainDirectory : IGrainDirectory
{
    private const string SelectColumns = "host, port, generation, activation_id, fence";

    // ON CONFLICT locks the existing row and updates it only when its owner no longer holds a lease. When the
    // row stays, the second branch returns it; a row committed after this statement's snapshot is invisible to
    // that branch, which then returns nothing and the caller runs the statement again.
    private const string RegisterSql =
        """
        WITH won AS (
            INSERT INTO grain_directory AS d (cluster_id, grain_id, host, port, generation, activation_id, fence)
            VALUES (@cluster, @grain, @host, @port, @generation, @activation, nextval('grain_directory_fence_seq'))
            ON CONFLICT (cluster_id, grain_id) DO UPDATE
                SET host = excluded.host, port = excluded.port, generation = excluded.generation,
                    activation_id = excluded.activation_id, fence = excluded.fence, registered_at = now()
                WHERE NOT EXISTS (
                    SELECT 1 FROM membership_silos m
                    WHERE m.cluster_id = d.cluster_id AND m.host = d.host AND m.port = d.port AND m.generation = d.generation
                      AND m.status <> 4 AND m.lease_expires_at > now())
            RETURNING host, port, generation, activation_id, fence
        )
        SELECT host, port, generation, activation_id, fence FROM won
        UNION ALL
        SELECT host, port, generation, activation_id, fence FROM grain_directory
        WHERE cluster_id = @cluster AND grain_id = @grain AND NOT EXISTS (SELECT 1 FROM won)
        """;

    private const int RegisterAttempts = 10;

    private readonly NpgsqlDataSource _dataSource;
    private readonly MigratedSchema _schema;

    public PostgresGrainDirectory(NpgsqlDataSource dataSource, string clusterId, ILogger<PostgresGrainDirectory>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        _dataSource = dataSource;
        ClusterId = clusterId;
        _schema = new MigratedSchema(dataSource, logger);
    }

    public string ClusterId { get; }

    public Task InitializeAsync(CancellationToken cancellationToken) => _schema.EnsureAsync(cancellationToken);

    public async Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {SelectColumns} FROM grain_directory WHERE cluster_id = @cluster AND grain_id = @grain", grainId);
        return await ReadOneAsync(command, grainId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<GrainAddress> RegisterAsync(GrainId grainId, SiloAddress silo, Guid activationId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < RegisterAttempts; attempt++)
        {
            await using var command = Command(RegisterSql, grainId);
            command.Parameters.AddWithValue("host", silo.Host);
            command.Parameters.AddWithValue("port", silo.Port);
            command.Parameters.AddWithValue("generation", silo.Generation);
            command.Parameters.AddWithValue("activation", activationId);
            var winner = await ReadOneAsync(command, grainId, cancellationToken).ConfigureAwait(false);
            if (winner is not null)
            {
                return winner;
            }
        }

        // Only reachable if the entry is deleted and re-created between every attempt.
        throw new InvalidOperationException($"Registration of {grainId} did not settle after {RegisterAttempts} attempts; the entry keeps changing.");
    }

    public async Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var command = Command("DELETE FROM grain_directory WHERE cluster_id = @cluster AND grain_id = @grain AND fence = @fence", address.GrainId);
        command.Parameters.AddWithValue("fence", address.FencingToken);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private NpgsqlCommand Command(string sql, GrainId grainId)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("grain", grainId.ToString());
        return command;
    }

    private static async Task<GrainAddress?> ReadOneAsync(NpgsqlCommand command, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new GrainAddress(
            grainId,
            new SiloAddress(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)),
            reader.GetGuid(3),
            reader.GetInt64(4));
    }
}
