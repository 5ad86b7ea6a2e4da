using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ControlPlane.Api.Tests.Support;
using Xunit;

namespace ControlPlane.Api.Tests.Instances;

/// <summary>The instance lifecycle driven over HTTP against the embedded default (co-hosted silo hosting two sleds).</summary>
public sealed class InstanceLifecycleTests(GatewayHost gateway) : IClassFixture<GatewayHost>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string SimpleRequest(string name, bool start = true) => $$$"""
        {"name":"{{{name}}}","ncpus":2,"memory_mib":1024,"start":{{{(start ? "true" : "false")}}},
         "disks":[{"id":"{{{Guid.NewGuid()}}}","name":"boot","slot":0,"backing":{"type":"file","path":"/var/disks/{{{name}}}.raw","block_size":512}}],
         "boot_disk":"boot"}
        """;

    private static string RunState(JsonElement instance) => instance.GetProperty("run_state").GetString()!;

    private async Task<JsonElement> CreateAsync(string body)
    {
        var response = await gateway.External.PostAsync("/v1/instances", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var instance = JsonDocument.Parse(text).RootElement;
        Assert.Equal($"/v1/instances/{instance.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        return instance;
    }

    [Fact]
    public async Task An_instance_runs_stops_and_is_deleted_over_http()
    {
        var created = await CreateAsync(SimpleRequest("life-1"));
        var path = $"/v1/instances/{created.GetProperty("id").GetString()}";

        var running = await Poll.UntilAsync(gateway.External, path, i => RunState(i) == "running", "running");
        Assert.NotEqual(JsonValueKind.Null, running.GetProperty("active_vmm_id").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, running.GetProperty("sled_id").ValueKind);

        var listed = await gateway.External.GetFromJsonAsync<JsonElement>("/v1/instances");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("name").GetString() == "life-1");

        await Problem.AssertAsync(await gateway.External.DeleteAsync(path), HttpStatusCode.Conflict, "invalid_state");

        var stop = await gateway.External.PostAsync($"{path}/stop", null);
        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        await Poll.UntilAsync(gateway.External, path, i => RunState(i) == "stopped", "stopped");

        Assert.Equal(HttpStatusCode.NoContent, (await gateway.External.DeleteAsync(path)).StatusCode);
        await Problem.AssertAsync(await gateway.External.GetAsync(path), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_stopped_instance_starts_and_reboots()
    {
        var created = await CreateAsync(SimpleRequest("life-2", start: false));
        var path = $"/v1/instances/{created.GetProperty("id").GetString()}";
        Assert.Equal("stopped", RunState(await gateway.External.GetFromJsonAsync<JsonElement>(path)));
        await Problem.AssertAsync(await gateway.External.PostAsync($"{path}/reboot", null), HttpStatusCode.BadRequest, "invalid_request");

        Assert.Equal(HttpStatusCode.Accepted, (await gateway.External.PostAsync($"{path}/start", null)).StatusCode);
        await Poll.UntilAsync(gateway.External, path, i => RunState(i) == "running", "running");

        Assert.Equal(HttpStatusCode.Accepted, (await gateway.External.PostAsync($"{path}/reboot", null)).StatusCode);
        await Poll.UntilAsync(gateway.External, path, i => RunState(i) == "running", "running again after the reboot");

        await gateway.External.PostAsync($"{path}/stop", null);
        await Poll.UntilAsync(gateway.External, path, i => RunState(i) == "stopped", "stopped");
    }

    [Fact]
    public async Task A_running_instance_migrates_to_the_other_sled()
    {
        var sleds = (await gateway.External.GetFromJsonAsync<JsonElement>("/v1/sleds")).GetProperty("items").EnumerateArray().ToList();
        Assert.True(sleds.Count >= 2, "the embedded default hosts two sleds");
        Assert.All(sleds, s => Assert.True(s.GetProperty("reachable").GetBoolean()));

        var created = await CreateAsync(SimpleRequest("mig-1"));
        var path = $"/v1/instances/{created.GetProperty("id").GetString()}";
        var running = await Poll.UntilAsync(gateway.External, path, i => RunState(i) == "running", "running");
        var source = running.GetProperty("sled_id").GetString();
        var destination = sleds.Select(s => s.GetProperty("id").GetString()).First(id => id != source);

        var migrate = await gateway.External.PostAsync($"{path}/migrate", Json($$"""{"dst_sled_id":"{{destination}}"}"""));
        Assert.Equal(HttpStatusCode.Accepted, migrate.StatusCode);
        var moved = await Poll.UntilAsync(gateway.External, path,
            i => RunState(i) == "running" && i.GetProperty("sled_id").GetString() == destination, "running on the destination sled");
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("migration_id").ValueKind);

        await gateway.External.PostAsync($"{path}/stop", null);
        await Poll.UntilAsync(gateway.External, path, i => RunState(i) == "stopped", "stopped");
    }

    [Fact]
    public async Task A_wire_spec_creates_an_instance_and_an_invalid_one_is_a_400_naming_the_component()
    {
        var created = await CreateAsync($$"""{"name":"wire-1","start":false,"spec":{{Support.Specs.Valid()}}}""");
        Assert.Equal(2, created.GetProperty("ncpus").GetInt32());

        var invalid = Support.Specs.Valid().Replace("\"backend_id\":\"disk0-be\"", "\"backend_id\":\"nope\"", StringComparison.Ordinal);
        var problem = await Problem.AssertAsync(
            await gateway.External.PostAsync("/v1/instances", Json($$"""{"name":"wire-2","spec":{{invalid}}}""")), HttpStatusCode.BadRequest, "invalid_spec");
        Assert.Equal("disk0", problem.GetProperty("component").GetString());
    }

    [Fact]
    public async Task A_duplicate_name_is_a_409_and_an_unknown_instance_a_404()
    {
        await CreateAsync(SimpleRequest("dup-1", start: false));
        var duplicate = await Problem.AssertAsync(await gateway.External.PostAsync("/v1/instances", Json(SimpleRequest("dup-1", start: false))), HttpStatusCode.Conflict, "object_already_exists");
        Assert.Contains("dup-1", duplicate.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var unknown = $"/v1/instances/{Guid.NewGuid()}";
        await Problem.AssertAsync(await gateway.External.GetAsync(unknown), HttpStatusCode.NotFound, "not_found");
        await Problem.AssertAsync(await gateway.External.PostAsync($"{unknown}/start", null), HttpStatusCode.NotFound, "not_found");
        await Problem.AssertAsync(await gateway.External.DeleteAsync(unknown), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task More_than_any_sled_holds_is_a_409_insufficient_capacity()
    {
        var body = """{"name":"huge-1","ncpus":250,"memory_mib":1024}""";
        await Problem.AssertAsync(await gateway.External.PostAsync("/v1/instances", Json(body)), HttpStatusCode.Conflict, "insufficient_capacity");
    }

    [Fact]
    public async Task Sled_agents_ring_the_doorbell_and_read_the_versioned_state()
    {
        var created = await CreateAsync(SimpleRequest("vmm-1"));
        var path = $"/v1/instances/{created.GetProperty("id").GetString()}";
        var running = await Poll.UntilAsync(gateway.External, path, i => RunState(i) == "running", "running");
        var vmm = running.GetProperty("active_vmm_id").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await gateway.Internal.PostAsync($"/v1/vmms/{vmm}/doorbell", null)).StatusCode);
        await Problem.AssertAsync(await gateway.Internal.PostAsync($"/v1/vmms/{Guid.NewGuid()}/doorbell", null), HttpStatusCode.NotFound, "not_found");

        var v1 = await gateway.Internal.GetAsync($"/v1/sled-agent/vmms/{vmm}/state");
        Assert.Equal("1", v1.Headers.GetValues("api-version").Single());
        var v1State = (await v1.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("vmm_state");
        Assert.Equal("running", v1State.GetProperty("state").GetString());
        Assert.False(v1State.TryGetProperty("failure_reason", out _));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/sled-agent/vmms/{vmm}/state");
        request.Headers.Add("api-version", "2");
        var v2 = await gateway.Internal.SendAsync(request);
        Assert.Equal("2", v2.Headers.GetValues("api-version").Single());
        var v2State = (await v2.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("vmm_state");
        Assert.True(v2State.TryGetProperty("failure_reason", out _));

        var legacyBody = $$"""{"vmm_state":{"state":"destroyed","gen":999,"time_updated":"2026-01-01T00:00:00Z"},"migration_in":null,"migration_out":null}""";
        var legacy = await gateway.Internal.PutAsync($"/vmms/{vmm}", Json(legacyBody));
        Assert.Equal(HttpStatusCode.NoContent, legacy.StatusCode);
        Assert.True(legacy.Headers.Contains("Deprecation"));
        Assert.Equal("running", RunState(await gateway.External.GetFromJsonAsync<JsonElement>(path)));

        await gateway.External.PostAsync($"{path}/stop", null);
        await Poll.UntilAsync(gateway.External, path, i => RunState(i) == "stopped", "stopped");
    }
}
