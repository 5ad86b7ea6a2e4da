using System.Collections.Immutable;
using ControlPlane.Runtime.Membership;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.Runtime.Postgres;

/// <summary>
/// The membership table in PostgreSQL (membership_silos plus the cluster's membership_version row). Every method
/// is one statement, leases are computed with the database clock (now()), never the caller's, and every insert
/// or status change bumps the version in the same statement.
/// </summary>
public sealed class PostgresMembershipTable : IMembershipTable
{
    private const short Dead = (short)SiloLifecycleStatus.Dead;

    private readonly NpgsqlDataSource _dataSource;
    private readonly MigratedSchema _schema;

    public PostgresMembershipTable(NpgsqlDataSource dataSource, string clusterId, ILogger<PostgresMembershipTable>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        _dataSource = dataSource;
        ClusterId = clusterId;
        _schema = new MigratedSchema(dataSource, logger);
    }

    public string ClusterId { get; }

    /// <summary>Applies pending schema migrations and creates the cluster's version row.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command("INSERT INTO membership_version (cluster_id, version) VALUES (@cluster, 1) ON CONFLICT (cluster_id) DO NOTHING");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> ReadVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT coalesce((SELECT version FROM membership_version WHERE cluster_id = @cluster), 0)");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        // One statement, so the rows, the version and the clock reading are one consistent snapshot.
        await using var command = Command(
            """
            WITH v AS (
                SELECT coalesce((SELECT version FROM membership_version WHERE cluster_id = @cluster), 0) AS version, now() AS read_at
            )
            SELECT v.version, v.read_at, s.host, s.port, s.generation, s.silo_name, s.status, s.gateway_port, s.roles, s.joined_at, s.lease_expires_at
            FROM v LEFT JOIN membership_silos s ON s.cluster_id = @cluster
            ORDER BY s.joined_at, s.host, s.port, s.generation
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long version = 0;
        var readAt = DateTimeOffset.MinValue;
        var entries = ImmutableArray.CreateBuilder<MembershipEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            version = reader.GetInt64(0);
            readAt = reader.GetFieldValue<DateTimeOffset>(1);
            if (reader.IsDBNull(2))
            {
                continue; // no rows: the left join yields one row of nulls
            }

            entries.Add(new MembershipEntry
            {
                Address = new SiloAddress(reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4)),
                SiloName = reader.GetString(5),
                Status = (SiloLifecycleStatus)reader.GetInt16(6),
                GatewayPort = reader.GetInt32(7),
                Roles = [.. reader.GetFieldValue<string[]>(8)],
                JoinedAt = reader.GetFieldValue<DateTimeOffset>(9),
                LeaseExpiresAt = reader.GetFieldValue<DateTimeOffset>(10),
            });
        }

        return new MembershipSnapshot(version, entries.ToImmutable(), readAt);
    }

    public async Task JoinAsync(MembershipEntry entry, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = Command(
            """
            WITH joined AS (
                INSERT INTO membership_silos (cluster_id, host, port, generation, silo_name, status, gateway_port, roles, joined_at, lease_expires_at)
                VALUES (@cluster, @host, @port, @generation, @name, 1, @gateway, @roles, now(), now() + @lease)
                ON CONFLICT DO NOTHING
                RETURNING 1
            )
            INSERT INTO membership_version (cluster_id, version)
            SELECT @cluster, 1 FROM joined
            ON CONFLICT (cluster_id) DO UPDATE SET version = membership_version.version + 1, changed_at = now()
            RETURNING version
            """);
        AddSilo(command, entry.Address);
        command.Parameters.AddWithValue("name", entry.SiloName);
        command.Parameters.AddWithValue("gateway", entry.GatewayPort);
        command.Parameters.AddWithValue("roles", entry.Roles.IsDefault ? [] : entry.Roles.ToArray());
        AddLease(command, lease);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw new InvalidOperationException($"Silo {entry.Address} is already in the membership table of cluster '{ClusterId}'.");
        }
    }

    public async Task<bool> RenewLeaseAsync(SiloAddress silo, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = Command(
            """
            UPDATE membership_silos SET lease_expires_at = now() + @lease
            WHERE cluster_id = @cluster AND host = @host AND port = @port AND generation = @generation
              AND status <> 4 AND lease_expires_at > now()
            """);
        AddSilo(command, silo);
        AddLease(command, lease);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetStatusAsync(SiloAddress silo, SiloLifecycleStatus status, CancellationToken cancellationToken)
    {
        // The locking sub-select reads the status the update replaces, so the version moves only on a real change.
        await using var command = Command(
            """
            WITH changed AS (
                UPDATE membership_silos s SET status = @status
                FROM (SELECT status FROM membership_silos
                      WHERE cluster_id = @cluster AND host = @host AND port = @port AND generation = @generation
                      FOR UPDATE) previous
                WHERE s.cluster_id = @cluster AND s.host = @host AND s.port = @port AND s.generation = @generation
                  AND s.status <> 4
                RETURNING previous.status AS previous
            ),
            bumped AS (
                INSERT INTO membership_version (cluster_id, version)
                SELECT @cluster, 1 FROM changed WHERE previous <> @status
                ON CONFLICT (cluster_id) DO UPDATE SET version = membership_version.version + 1, changed_at = now()
                RETURNING 1
            )
            SELECT count(*) FROM changed
            """);
        AddSilo(command, silo);
        command.Parameters.AddWithValue("status", NpgsqlDbType.Smallint, (short)status);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
    }

    public async Task<IReadOnlyList<SiloAddress>> DeclareExpiredDeadAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(
            """
            WITH dead AS (
                UPDATE membership_silos SET status = 4
                WHERE cluster_id = @cluster AND status <> 4 AND lease_expires_at <= now()
                RETURNING host, port, generation
            ),
            bumped AS (
                INSERT INTO membership_version (cluster_id, version)
                SELECT @cluster, 1 WHERE EXISTS (SELECT 1 FROM dead)
                ON CONFLICT (cluster_id) DO UPDATE SET version = membership_version.version + 1, changed_at = now()
                RETURNING 1
            )
            SELECT host, port, generation FROM dead
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var declared = new List<SiloAddress>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            declared.Add(new SiloAddress(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)));
        }

        return declared;
    }

    private NpgsqlCommand Command(string sql)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("cluster", ClusterId);
        return command;
    }

    private static void AddSilo(NpgsqlCommand command, SiloAddress silo)
    {
        command.Parameters.AddWithValue("host", silo.Host);
        command.Parameters.AddWithValue("port", silo.Port);
        command.Parameters.AddWithValue("generation", silo.Generation);
    }

    private static void AddLease(NpgsqlCommand command, TimeSpan lease) =>
        command.Parameters.AddWithValue("lease", NpgsqlDbType.Interval, lease);
}
