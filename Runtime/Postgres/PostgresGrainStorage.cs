using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.Runtime.Postgres;

/// <summary>
/// Grain state in PostgreSQL (grain_state, scoped by service id). Each write or clear is one statement that is
/// conditional on the ETag (the row version) and, for a registered activation, on its fencing token still being
/// the directory's and its silo still holding a lease on the database clock, so a zombie activation can never
/// commit. Fenced writes need the directory and membership tables in the same database.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    // The directory row is share-locked, so a takeover either waits for this write to commit or is seen by it.
    private const string FenceHolds =
        """
        (@fence = 0 OR EXISTS (
            SELECT 1 FROM grain_directory d
            JOIN membership_silos m ON m.cluster_id = d.cluster_id AND m.host = d.host AND m.port = d.port AND m.generation = d.generation
            WHERE d.cluster_id = @cluster AND d.grain_id = @grain AND d.fence = @fence
              AND m.status <> 4 AND m.lease_expires_at > now()
            FOR SHARE OF d))
        """;

    private const string Identity = "service_id = @service AND grain_type = @type AND grain_key = @key AND state_name = @state";

    private const string InsertSql =
        $"""
        INSERT INTO grain_state (service_id, grain_type, grain_key, state_name, payload, version, modified_at)
        SELECT @service, @type, @key, @state, @payload, 1, now()
        WHERE {FenceHolds}
        ON CONFLICT DO NOTHING
        RETURNING version
        """;

    private const string UpdateSql =
        $"""
        UPDATE grain_state SET payload = @payload, version = version + 1, modified_at = now()
        WHERE {Identity} AND version = @etag AND {FenceHolds}
        RETURNING version
        """;

    private const string DeleteSql = $"DELETE FROM grain_state WHERE {Identity} AND version = @etag AND {FenceHolds} RETURNING version";

    // Why a conditional statement changed nothing: the stored version, the directory's fence, and whether the
    // caller's fence is held by a live, leased silo.
    private const string DiagnoseSql =
        $"""
        SELECT (SELECT version FROM grain_state WHERE {Identity}),
               (SELECT fence FROM grain_directory WHERE cluster_id = @cluster AND grain_id = @grain),
               (SELECT m.status <> 4 AND m.lease_expires_at > now()
                FROM grain_directory d
                JOIN membership_silos m ON m.cluster_id = d.cluster_id AND m.host = d.host AND m.port = d.port AND m.generation = d.generation
                WHERE d.cluster_id = @cluster AND d.grain_id = @grain AND d.fence = @fence)
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly MigratedSchema _schema;

    public PostgresGrainStorage(NpgsqlDataSource dataSource, string serviceId, string clusterId, ILogger<PostgresGrainStorage>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        _dataSource = dataSource;
        ServiceId = serviceId;
        ClusterId = clusterId;
        _schema = new MigratedSchema(dataSource, logger);
    }

    public string ServiceId { get; }

    /// <summary>True when this store built its own connection pool and disposes it with itself.</summary>
    internal bool OwnsDataSource { get; init; }

    /// <summary>The cluster whose directory entries fence this store's writes.</summary>
    public string ClusterId { get; }

    /// <summary>Applies pending schema migrations (otherwise done on first use).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _schema.EnsureAsync(cancellationToken);

    public async Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command($"SELECT payload::text, version FROM grain_state WHERE {Identity}", key, fencingToken: 0);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new GrainStateRecord(Encoding.UTF8.GetBytes(reader.GetString(0)), Format(reader.GetInt64(1)));
    }

    public async Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, long fencingToken, CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        long? expected = null;
        if (expectedEtag is null || TryParse(expectedEtag, out expected))
        {
            await using var command = Command(expected is null ? InsertSql : UpdateSql, key, fencingToken);
            command.Parameters.AddWithValue("payload", NpgsqlDbType.Json, Encoding.UTF8.GetString(payload.Span));
            if (expected is { } etag)
            {
                command.Parameters.AddWithValue("etag", etag);
            }

            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version)
            {
                return Format(version);
            }
        }

        throw await ExplainRefusalAsync("Write", key, expectedEtag, fencingToken, cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearAsync(GrainStateKey key, string? expectedEtag, long fencingToken, CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        if (expectedEtag is not null && TryParse(expectedEtag, out var expected))
        {
            await using var command = Command(DeleteSql, key, fencingToken);
            command.Parameters.AddWithValue("etag", expected!.Value);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        var refusal = await ExplainRefusalAsync("Clear", key, expectedEtag, fencingToken, cancellationToken, allowAbsent: expectedEtag is null).ConfigureAwait(false);
        if (refusal is not null)
        {
            throw refusal;
        }
    }

    private async Task<Exception> ExplainRefusalAsync(string operation, GrainStateKey key, string? expectedEtag, long fencingToken, CancellationToken cancellationToken) =>
        (await ExplainRefusalAsync(operation, key, expectedEtag, fencingToken, cancellationToken, allowAbsent: false).ConfigureAwait(false))!;

    /// <summary>
    /// Reads why a conditional statement changed nothing. With <paramref name="allowAbsent"/> (a clear that expects
    /// no record), returns null when there is indeed no record and the fence holds: nothing to do.
    /// </summary>
    private async Task<Exception?> ExplainRefusalAsync(string operation, GrainStateKey key, string? expectedEtag, long fencingToken, CancellationToken cancellationToken, bool allowAbsent)
    {
        await using var command = Command(DiagnoseSql, key, fencingToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var stored = reader.IsDBNull(0) ? null : Format(reader.GetInt64(0));
        long? currentFence = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        bool? ownerLive = reader.IsDBNull(2) ? null : reader.GetBoolean(2);

        if (fencingToken != 0)
        {
            var reason = currentFence is null ? "the grain has no directory entry any more"
                : currentFence != fencingToken ? $"the directory entry now carries fencing token {currentFence} (the grain moved)"
                : ownerLive != true ? "this silo's lease has expired or it was declared Dead"
                : null;
            if (reason is not null)
            {
                return new ActivationFencedException(key, fencingToken, reason);
            }
        }

        if (allowAbsent && stored is null)
        {
            return null;
        }

        return stored != expectedEtag
            ? new InconsistentStateException(
                $"{operation} of {key} refused: the stored ETag is {stored ?? "(no record)"} but the caller expected {expectedEtag ?? "(no record)"}.", stored, expectedEtag)
            : new InconsistentStateException(
                $"{operation} of {key} refused: the record changed concurrently (stored ETag now {stored ?? "(no record)"}); read it again.", stored, expectedEtag);
    }

    private NpgsqlCommand Command(string sql, GrainStateKey key, long fencingToken)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("service", ServiceId);
        command.Parameters.AddWithValue("type", key.GrainId.Type);
        command.Parameters.AddWithValue("key", key.GrainId.Key);
        command.Parameters.AddWithValue("state", key.StateName);
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("grain", key.GrainId.ToString());
        command.Parameters.AddWithValue("fence", fencingToken);
        return command;
    }

    public ValueTask DisposeAsync() => OwnsDataSource ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;

    private static bool TryParse(string etag, out long? version)
    {
        var ok = long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed);
        version = ok ? parsed : null;
        return ok;
    }

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
