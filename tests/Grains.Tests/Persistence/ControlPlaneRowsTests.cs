using System.Text.Json;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Testing;
using ControlPlane.Grains.Tests.Vmms;
using ControlPlane.TestSupport;
using Orleans.TestingHost;
using Xunit;

namespace ControlPlane.Grains.Tests.Persistence;

/// <summary>
/// The control plane's grains on PostgreSQL through the ADO.NET providers: grain state rows are System.Text.Json with the
/// API's snake_case names (so a row reads like the API and survives a class rename), and the instance watcher has
/// registered the reminder that brings it back after its silo dies.
/// </summary>
public sealed class ControlPlaneRowsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task State_rows_read_like_the_api_and_the_watcher_keeps_a_reminder()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        var cluster = new TestClusterBuilder(1).AddControlPlane(db).Build();
        await cluster.DeployAsync();
        await using var _ = cluster;

        var id = Guid.NewGuid();
        await cluster.Client.GetGrain<IInstanceGrain>(id).Create(VmmCluster.Request("rows-1"));

        var instance = await PayloadAsync(db, "instance");
        var record = instance.GetProperty("instance");
        Assert.Equal(id, record.GetProperty("id").GetGuid());
        Assert.Equal("rows-1", record.GetProperty("name").GetString());
        Assert.Equal(1024UL, record.GetProperty("memory_mib").GetUInt64());
        Assert.Equal("vmm", record.GetProperty("state").GetString());
        Assert.Equal("best_effort", record.GetProperty("auto_restart_policy").GetString());
        Assert.False(record.TryGetProperty("MemoryMib", out var _), "no CLR property names");

        var inventory = await PayloadAsync(db, "sled-inventory");
        var sled = inventory.GetProperty("sleds")[0];
        Assert.True(sled.TryGetProperty("silo_name", out var _));
        Assert.True(sled.GetProperty("sled").TryGetProperty("memory_mib", out var _));

        var reminders = await MigratedDatabase.ScalarAsync<long>(db,
            "SELECT count(*) FROM reminders WHERE reminder_name = 'watcher-keep-alive'");
        Assert.Equal(1, reminders);
    }

    private static async Task<JsonElement> PayloadAsync(string db, string stateName)
    {
        var json = await MigratedDatabase.ScalarAsync<string>(db,
            "SELECT convert_from(payload, 'UTF8') FROM grain_state WHERE state_name = @name ORDER BY modified_at DESC LIMIT 1",
            ("name", stateName));
        Assert.NotNull(json);
        return JsonDocument.Parse(json).RootElement;
    }
}
