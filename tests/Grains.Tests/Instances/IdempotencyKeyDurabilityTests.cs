using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Testing;
using ControlPlane.TestSupport;
using Orleans.TestingHost;
using Xunit;

namespace ControlPlane.Grains.Tests.Instances;

/// <summary>An idempotency key is kept in grain state, per key: a cluster started afresh on the same database still knows it.</summary>
public sealed class IdempotencyKeyDurabilityTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task Idempotency_key_survives_a_restart_of_the_whole_cluster_on_postgres()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        IdempotencyClaim first;
        await using (var cluster = await Start(database))
        {
            first = await cluster.Client.GetGrain<IIdempotencyKeyGrain>("key-1").Claim("fingerprint");
            Assert.True(await cluster.Client.GetGrain<IIdempotencyKeyGrain>("key-1").Complete());
        }

        await using var restarted = await Start(database);
        var again = await restarted.Client.GetGrain<IIdempotencyKeyGrain>("key-1").Claim("fingerprint");
        Assert.Equal(first.InstanceId, again.InstanceId);
        Assert.True(again.Completed);
        Assert.False((await restarted.Client.GetGrain<IIdempotencyKeyGrain>("key-1").Claim("another")).SameRequest);
    }

    /// <summary>A cluster on <paramref name="database"/>; the same service id each time (storage rows are per service).</summary>
    private static async Task<TestCluster> Start(string database)
    {
        var builder = new TestClusterBuilder(1).AddControlPlane(database);
        builder.Options.ServiceId = "idempotency-durability";
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
