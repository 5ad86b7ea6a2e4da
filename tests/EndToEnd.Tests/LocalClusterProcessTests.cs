using System.Net;
using System.Text;
using System.Text.Json;
using ControlPlane.EndToEnd.Tests.Support;
using ControlPlane.TestSupport;
using Xunit;

namespace ControlPlane.EndToEnd.Tests;

/// <summary>
/// The local cluster as real processes on a throwaway PostgreSQL: the lifecycle over HTTP through the gateway
/// (a cluster client), migration between the sleds, and a killed sled silo whose instance fails and auto-restarts
/// on the other sled.
/// </summary>
public sealed class LocalClusterProcessTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string RunState(JsonElement instance) => instance.GetProperty("run_state").GetString()!;

    private static string? Sled(JsonElement instance) => instance.GetProperty("sled_id").GetString();

    [PostgresFact]
    public async Task Lifecycle_migration_and_a_killed_sled_silo_over_http()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var cluster = await LocalCluster.StartAsync(connectionString);

        var sleds = await Poll.UntilAsync(cluster.External, "/v1/sleds", s => s.GetProperty("items").GetArrayLength() == 2, "two sleds", Deadline, () => cluster.Logs);
        Assert.All(sleds.GetProperty("items").EnumerateArray(), s => Assert.True(s.GetProperty("reachable").GetBoolean()));

        // Lifecycle: create (starts), running, stop, delete.
        var first = await CreateAsync(cluster, "e2e-life");
        var firstPath = $"/v1/instances/{first}";
        await Poll.UntilAsync(cluster.External, firstPath, i => RunState(i) == "running", "running", Deadline, () => cluster.Logs);
        Assert.Equal(HttpStatusCode.Accepted, (await cluster.External.PostAsync($"{firstPath}/stop", null)).StatusCode);
        await Poll.UntilAsync(cluster.External, firstPath, i => RunState(i) == "stopped", "stopped", Deadline, () => cluster.Logs);
        Assert.Equal(HttpStatusCode.NoContent, (await cluster.External.DeleteAsync(firstPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cluster.External.GetAsync(firstPath)).StatusCode);

        // Migration between the two sleds.
        var second = await CreateAsync(cluster, "e2e-mover");
        var path = $"/v1/instances/{second}";
        var running = await Poll.UntilAsync(cluster.External, path, i => RunState(i) == "running", "running", Deadline, () => cluster.Logs);
        var destination = Sled(running) == LocalCluster.SledA.ToString() ? LocalCluster.SledB : LocalCluster.SledA;
        var migrate = await cluster.External.PostAsync($"{path}/migrate", Json($$"""{"dst_sled_id":"{{destination}}"}"""));
        Assert.Equal(HttpStatusCode.Accepted, migrate.StatusCode);
        await Poll.UntilAsync(cluster.External, path, i => RunState(i) == "running" && Sled(i) == destination.ToString(), "running on the destination", Deadline, () => cluster.Logs);

        // Kill the silo hosting the instance's sled: the instance fails and auto-restarts on the other sled.
        await cluster.SiloHosting(destination).KillAsync();
        var survivor = destination == LocalCluster.SledA ? LocalCluster.SledB : LocalCluster.SledA;
        var restarted = await Poll.UntilAsync(cluster.External, path,
            i => RunState(i) == "running" && Sled(i) == survivor.ToString(), "auto-restarted on the surviving sled", Deadline, () => cluster.Logs);
        Assert.NotEqual(JsonValueKind.Null, restarted.GetProperty("time_last_auto_restarted").ValueKind);

        await Poll.UntilAsync(cluster.External, "/v1/sleds",
            s => s.GetProperty("items").EnumerateArray().Any(x => x.GetProperty("id").GetString() == destination.ToString() && !x.GetProperty("reachable").GetBoolean()),
            "the killed silo's sled reported unreachable", Deadline, () => cluster.Logs);
    }

    private static async Task<string> CreateAsync(LocalCluster cluster, string name)
    {
        var response = await cluster.External.PostAsync("/v1/instances", Json($$"""{"name":"{{name}}","ncpus":2,"memory_mib":1024}"""));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{text}\n{cluster.Logs}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }
}
