using System.Text;
using ControlPlane.Runtime.Membership;
using ControlPlane.TestSupport;
using Npgsql;
using Xunit;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>
/// The PostgreSQL backend across a database outage: calls fail with an exception instead of hanging, and after
/// a restart the same table, directory and store work again with every committed row in place.
/// </summary>
public sealed class PostgresRestartTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [PostgresFact]
    public async Task After_a_database_restart_the_table_directory_and_store_work_again_with_committed_rows()
    {
        await using var backend = await PostgresClusterBackend.CreateAsync(await fixture.Server.CreateDatabaseAsync());
        var silo = await backend.JoinAsync(ClusterBackend.LongLease);
        await backend.Membership.SetStatusAsync(silo, SiloLifecycleStatus.Active, None);
        var owned = await backend.OwnAsync(silo);
        var key = new GrainStateKey(owned.GrainId, "spec");
        var payload = Encoding.UTF8.GetBytes("""{"state":"running"}""");
        var etag = await backend.Storage.WriteAsync(key, payload, null, owned.FencingToken, None);
        var version = await backend.Membership.ReadVersionAsync(None);

        await fixture.Server.RestartAsync();

        var snapshot = await EventuallyAsync(() => backend.Membership.ReadAllAsync(None));
        Assert.Equal(version, snapshot.Version);
        Assert.Equal(SiloLifecycleStatus.Active, snapshot.Find(silo)!.Status);
        Assert.Equal(owned, await EventuallyAsync(() => backend.Directory.LookupAsync(owned.GrainId, None)));
        var record = await EventuallyAsync(() => backend.Storage.ReadAsync(key, None));
        Assert.Equal(etag, record!.Etag);
        Assert.Equal(payload, record.Payload.ToArray());

        Assert.True(await backend.Membership.RenewLeaseAsync(silo, ClusterBackend.LongLease, None));
        var next = await backend.Storage.WriteAsync(key, Encoding.UTF8.GetBytes("""{"state":"stopped"}"""), etag, owned.FencingToken, None);
        Assert.NotEqual(etag, next);
        var other = await backend.OwnAsync(silo);
        Assert.True(other.FencingToken > owned.FencingToken);
    }

    [PostgresFact]
    public async Task While_the_database_is_down_calls_fail_with_an_exception_instead_of_hanging()
    {
        await using var backend = await PostgresClusterBackend.CreateAsync(await fixture.Server.CreateDatabaseAsync());
        var silo = await backend.JoinAsync(ClusterBackend.LongLease);
        var owned = await backend.OwnAsync(silo);
        var key = new GrainStateKey(owned.GrainId, "spec");

        await fixture.Server.StopAsync();
        try
        {
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => backend.Membership.ReadVersionAsync(None));
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => backend.Membership.RenewLeaseAsync(silo, ClusterBackend.LongLease, None));
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => backend.Directory.RegisterAsync(ClusterBackend.NewGrainId(), silo, Guid.NewGuid(), None));
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => backend.Storage.WriteAsync(key, "{}"u8.ToArray(), null, owned.FencingToken, None));
        }
        finally
        {
            await fixture.Server.RestartStoppedAsync();
        }

        Assert.True(await EventuallyAsync(() => backend.Membership.RenewLeaseAsync(silo, ClusterBackend.LongLease, None)));
        Assert.Equal("1", await backend.Storage.WriteAsync(key, "{}"u8.ToArray(), null, owned.FencingToken, None));
    }

    /// <summary>
    /// Retries while the database refuses or drops connections: pooled connections a restart broke fail once each,
    /// which is how a caller sees the restart. Reads only, so retrying is safe.
    /// </summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (NpgsqlException) when (attempt < 200)
            {
                await Task.Delay(50);
            }
        }
    }
}
