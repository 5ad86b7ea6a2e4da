using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Postgres;
using ControlPlane.TestSupport;
using Xunit;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>Clusters (membership, directory) and services (state) sharing one database never see each other's rows.</summary>
public sealed class PostgresIsolationTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [PostgresFact]
    public async Task Membership_rows_versions_and_deaths_are_per_cluster()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var a = await PostgresClusterBackend.CreateAsync(database, clusterId: "a");
        await using var b = await PostgresClusterBackend.CreateAsync(database, clusterId: "b");
        var bVersion = await b.Membership.ReadVersionAsync(None);

        var expiring = await a.JoinAsync(a.ShortLease);
        await a.WaitUntilExpiredAsync(expiring);

        Assert.Empty((await b.Membership.ReadAllAsync(None)).Entries);
        Assert.Equal(bVersion, await b.Membership.ReadVersionAsync(None));
        Assert.Empty(await b.Membership.DeclareExpiredDeadAsync(None));
        Assert.Equal([expiring], await a.Membership.DeclareExpiredDeadAsync(None));
    }

    [PostgresFact]
    public async Task Directory_entries_and_the_fences_they_grant_are_per_cluster()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var a = await PostgresClusterBackend.CreateAsync(database, clusterId: "a", serviceId: "shared");
        await using var b = await PostgresClusterBackend.CreateAsync(database, clusterId: "b", serviceId: "shared");
        var siloA = await a.JoinAsync(ClusterBackend.LongLease);
        var siloB = await b.JoinAsync(ClusterBackend.LongLease);
        var grain = ClusterBackend.NewGrainId();

        var inA = await a.OwnAsync(siloA, grain);
        var inB = await b.OwnAsync(siloB, grain);

        Assert.NotEqual(inA.FencingToken, inB.FencingToken);
        Assert.Equal(inA, await a.Directory.LookupAsync(grain, None));
        Assert.Equal(inB, await b.Directory.LookupAsync(grain, None));
        // Cluster b's store checks cluster b's directory: cluster a's fence means nothing there.
        await Assert.ThrowsAsync<ActivationFencedException>(() =>
            b.Storage.WriteAsync(new GrainStateKey(grain, "spec"), "{}"u8.ToArray(), null, inA.FencingToken, None));
    }

    [PostgresFact]
    public async Task State_is_per_service()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var backend = await PostgresClusterBackend.CreateAsync(database);
        var other = new PostgresGrainStorage(backend.DataSource, "another-service", "cluster-a");
        var key = new GrainStateKey(ClusterBackend.NewGrainId(), "spec");

        var etag = await backend.Storage.WriteAsync(key, "{\"mine\":true}"u8.ToArray(), null, 0, None);

        Assert.Null(await other.ReadAsync(key, None));
        Assert.Equal(etag, await other.WriteAsync(key, "{\"theirs\":true}"u8.ToArray(), null, 0, None));
        Assert.Equal("{\"mine\":true}"u8.ToArray(), (await backend.Storage.ReadAsync(key, None))!.Payload.ToArray());
    }

    [PostgresFact]
    public async Task A_payload_that_is_not_json_is_refused_by_the_database()
    {
        await using var backend = await PostgresClusterBackend.CreateAsync(await fixture.Server.CreateDatabaseAsync());
        var key = new GrainStateKey(ClusterBackend.NewGrainId(), "spec");

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => backend.Storage.WriteAsync(key, "not json"u8.ToArray(), null, 0, None));

        Assert.Null(await backend.Storage.ReadAsync(key, None));
    }
}
