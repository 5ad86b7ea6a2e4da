using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ControlPlane.Api.Tests.Support;
using Xunit;

namespace ControlPlane.Api.Tests.Formats;

/// <summary>
/// Black box on the embedded default, as Omicron's clients talk (domain-vmm-state.md §9): progenitor's
/// <c>api-version: 1.0.0</c>, the sled-agent read at <c>GET /vmms/{id}/state</c>, 404 <c>NO_SUCH_INSTANCE</c>, Dropshot's
/// <c>request_id</c> and <c>message</c>, and the legacy upcall body as Omicron writes it.
/// </summary>
public sealed class OmicronInternalApiTests(GatewayHost gateway) : IClassFixture<GatewayHost>
{
    private static readonly string[] VmmStates = ["starting", "running", "stopping", "stopped", "rebooting", "migrating", "failed", "destroyed"];
    private static readonly string[] MigrationStates = ["pending", "in_progress", "failed", "completed"];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Request(HttpMethod method, string path, string? apiVersion, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (apiVersion is not null)
        {
            request.Headers.Add("api-version", apiVersion);
        }

        if (body is not null)
        {
            request.Content = Json(body);
        }

        return request;
    }

    private async Task<(string Path, string Vmm)> RunningInstanceAsync(string name)
    {
        var created = await gateway.External.PostAsync("/v1/instances", Json($$"""{"name":"{{name}}","ncpus":1,"memory_mib":512}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var path = $"/v1/instances/{(await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()}";
        var running = await Poll.UntilAsync(gateway.External, path, i => i.GetProperty("run_state").GetString() == "running", "running");
        return (path, running.GetProperty("active_vmm_id").GetString()!);
    }

    /// <summary>Omicron's <c>SledVmmState</c>, from the facts: only these members; migration sides nullable; the enums' values.</summary>
    private static void AssertOmicronSledVmmState(JsonElement body)
    {
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Subset(new HashSet<string> { "vmm_state", "migration_in", "migration_out" }, body.EnumerateObject().Select(p => p.Name).ToHashSet());
        var vmm = body.GetProperty("vmm_state");
        Assert.Equal(new HashSet<string> { "state", "gen", "time_updated" }, vmm.EnumerateObject().Select(p => p.Name).ToHashSet());
        Assert.Contains(vmm.GetProperty("state").GetString(), VmmStates);
        Assert.True(vmm.GetProperty("gen").TryGetInt64(out var gen) && gen >= 0);
        Assert.True(DateTimeOffset.TryParse(vmm.GetProperty("time_updated").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        foreach (var side in new[] { "migration_in", "migration_out" })
        {
            if (body.TryGetProperty(side, out var migration) && migration.ValueKind != JsonValueKind.Null)
            {
                Assert.Equal(new HashSet<string> { "migration_id", "state", "gen", "time_updated" }, migration.EnumerateObject().Select(p => p.Name).ToHashSet());
                Assert.True(Guid.TryParse(migration.GetProperty("migration_id").GetString(), out _));
                Assert.Contains(migration.GetProperty("state").GetString(), MigrationStates);
            }
        }
    }

    private static async Task<JsonElement> AssertDropshotErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        var problem = await Problem.AssertAsync(response, status, errorCode);
        var requestId = problem.GetProperty("request_id").GetString();
        Assert.False(string.IsNullOrEmpty(requestId));
        Assert.Equal(requestId, response.Headers.GetValues("x-request-id").Single());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("message").GetString()));
        return problem;
    }

    [Fact]
    public async Task The_sled_agent_read_at_omicrons_path_with_api_version_1_0_0_is_omicrons_sled_vmm_state()
    {
        var (path, vmm) = await RunningInstanceAsync("fmt-read");

        var response = await gateway.Internal.SendAsync(Request(HttpMethod.Get, $"/vmms/{vmm}/state", "1.0.0"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Deprecation"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        AssertOmicronSledVmmState(body);
        Assert.Equal("running", body.GetProperty("vmm_state").GetProperty("state").GetString());

        var v2 = await gateway.Internal.SendAsync(Request(HttpMethod.Get, $"/vmms/{vmm}/state", "2.0.0"));
        Assert.Equal("2", v2.Headers.GetValues("api-version").Single());
        Assert.True((await v2.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("vmm_state").TryGetProperty("failure_reason", out _));

        // The earlier path is an alias for one more version, flagged deprecated.
        var alias = await gateway.Internal.SendAsync(Request(HttpMethod.Get, $"/v1/sled-agent/vmms/{vmm}/state", "1.0.0"));
        Assert.Equal(HttpStatusCode.OK, alias.StatusCode);
        Assert.True(alias.Headers.Contains("Deprecation"));
        AssertOmicronSledVmmState(await alias.Content.ReadFromJsonAsync<JsonElement>());

        await gateway.External.PostAsync($"{path}/stop", null);
        await Poll.UntilAsync(gateway.External, path, i => i.GetProperty("run_state").GetString() == "stopped", "stopped");
    }

    [Theory]
    [InlineData("/vmms/{0}/state")]
    [InlineData("/v1/sled-agent/vmms/{0}/state")]
    public async Task An_unknown_vmm_is_404_no_such_instance_with_request_id_and_message(string template)
    {
        foreach (var version in new[] { "1.0.0", "2.0.0", null })
        {
            var response = await gateway.Internal.SendAsync(Request(HttpMethod.Get, string.Format(CultureInfo.InvariantCulture, template, Guid.NewGuid()), version));
            await AssertDropshotErrorAsync(response, HttpStatusCode.NotFound, "NO_SUCH_INSTANCE");
        }
    }

    [Fact]
    public async Task The_legacy_upcall_with_api_version_1_0_0_reads_bodies_as_omicron_writes_them()
    {
        var (path, vmm) = await RunningInstanceAsync("fmt-legacy");
        string[] bodies =
        [
            // An extra field (a newer writer), nanosecond timestamps with Z (Rust), gen at i64::MAX.
            """{"vmm_state":{"state":"running","gen":9223372036854775807,"time_updated":"2026-12-01T11:22:33.123456789Z","failure_reason":"x"},"migration_in":null,"migration_out":null,"extra":{"a":1}}""",
            // gen 0, +00:00 offset (other writers), a migration side with an unknown member.
            """{"vmm_state":{"state":"migrating","gen":0,"time_updated":"2026-12-01T11:22:33.5+00:00"},"migration_in":{"migration_id":"5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11","state":"in_progress","gen":2,"time_updated":"2026-12-01T11:22:33.000000001Z","note":"n"}}""",
        ];
        foreach (var body in bodies)
        {
            var response = await gateway.Internal.SendAsync(Request(HttpMethod.Put, $"/vmms/{vmm}", "1.0.0", body));
            Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
            Assert.True(response.Headers.Contains("Deprecation"));
        }

        // Still a request that names no real state is refused, naming the field.
        var bad = await gateway.Internal.SendAsync(Request(HttpMethod.Put, $"/vmms/{vmm}", "1.0.0", """{"vmm_state":{"state":"sleeping","gen":1,"time_updated":"2026-12-01T00:00:00Z"}}"""));
        await AssertDropshotErrorAsync(bad, HttpStatusCode.BadRequest, "invalid_field");

        // The body is ignored (the doorbell is rung and the Nexus side pulls): the instance still runs.
        Assert.Equal("running", (await gateway.External.GetFromJsonAsync<JsonElement>(path)).GetProperty("run_state").GetString());

        // Version 2 has no legacy upcall.
        var v2 = await gateway.Internal.SendAsync(Request(HttpMethod.Put, $"/vmms/{vmm}", "2.0.0", bodies[0]));
        await AssertDropshotErrorAsync(v2, HttpStatusCode.NotFound, "route_not_found");

        await gateway.External.PostAsync($"{path}/stop", null);
        await Poll.UntilAsync(gateway.External, path, i => i.GetProperty("run_state").GetString() == "stopped", "stopped");
    }

    [Theory]
    [InlineData("1.0.0", "1")]
    [InlineData("1", "1")]
    [InlineData("2.0.0", "2")]
    [InlineData("2", "2")]
    public async Task Api_version_accepts_omicrons_semver_and_the_integer(string header, string version)
    {
        var response = await gateway.Internal.SendAsync(Request(HttpMethod.Post, $"/v1/vmms/{Guid.NewGuid()}/doorbell", header));
        await AssertDropshotErrorAsync(response, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(version, response.Headers.GetValues("api-version").Single());
    }

    [Theory]
    [InlineData("3.0.0")]
    [InlineData("1.1.0")]
    [InlineData("1.0.1")]
    [InlineData("01")]
    [InlineData("v1")]
    [InlineData("")]
    public async Task An_unsupported_api_version_is_a_400_whose_message_names_the_supported_versions(string header)
    {
        var response = await gateway.Internal.SendAsync(Request(HttpMethod.Get, $"/vmms/{Guid.NewGuid()}/state", header));
        var problem = await AssertDropshotErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_api_version");
        var message = problem.GetProperty("message").GetString()!;
        Assert.Contains("1.0.0", message, StringComparison.Ordinal);
        Assert.Contains("2.0.0", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_document_on_both_listeners_carries_request_id_and_message()
    {
        await AssertDropshotErrorAsync(await gateway.External.GetAsync("/no/such/route"), HttpStatusCode.NotFound, "route_not_found");
        await AssertDropshotErrorAsync(await gateway.Internal.GetAsync("/no/such/route"), HttpStatusCode.NotFound, "route_not_found");
        await AssertDropshotErrorAsync(await gateway.External.GetAsync("/v1/instances/not-a-uuid"), HttpStatusCode.BadRequest, "invalid_id");
        await AssertDropshotErrorAsync(await gateway.Internal.PostAsync("/v1/vmms/nope/doorbell", null), HttpStatusCode.BadRequest, "invalid_id");
        await AssertDropshotErrorAsync(await gateway.External.PostAsync("/v1/instances", new StringContent("{}", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await AssertDropshotErrorAsync(await gateway.External.PostAsync("/v1/instances", Json("{")), HttpStatusCode.BadRequest, "malformed_json");
        await AssertDropshotErrorAsync(await gateway.External.PostAsync("/v1/instance-specs/validate", Json("""{"board":{}}""")), HttpStatusCode.BadRequest, "invalid_spec");
        await AssertDropshotErrorAsync(await gateway.External.DeleteAsync("/v1/sleds"), HttpStatusCode.MethodNotAllowed, "method_not_allowed");

        // Successes carry the header too, a different id per request.
        var first = await gateway.External.GetAsync("/healthz");
        var second = await gateway.External.GetAsync("/healthz");
        Assert.NotEqual(first.Headers.GetValues("x-request-id").Single(), second.Headers.GetValues("x-request-id").Single());
    }

    [Fact]
    public async Task The_request_id_is_the_trace_id_when_the_request_is_traced()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = Request(HttpMethod.Get, $"/vmms/{Guid.NewGuid()}/state", "1.0.0");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var problem = await AssertDropshotErrorAsync(await gateway.Internal.SendAsync(request), HttpStatusCode.NotFound, "NO_SUCH_INSTANCE");
        Assert.Equal(traceId, problem.GetProperty("request_id").GetString());
    }
}
