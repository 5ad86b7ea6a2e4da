using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ControlPlane.Api.Tests.Support;
using Xunit;

namespace ControlPlane.Api.Tests.OpenApi;

/// <summary>
/// What <see cref="ResponseConformanceTests"/> sends: every documented route of both listeners, successes and errors, a
/// whole lifecycle with a migration (to meet VMM states and both kinds of migration side), keyed creates, and the paged
/// lists of external version 2. The test records and validates the answers; this only drives.
/// </summary>
internal static class ConformanceScenario
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task DriveEveryRouteAsync(HttpClient external, HttpClient @internal)
    {
        // External: sleds, create (simple and wire, v5 and v6), list, view, migrate, reboot, stop, start, delete, specs.
        var sleds = (await external.GetFromJsonAsync<JsonElement>("/v1/sleds")).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
        var created = await external.PostAsync("/v1/instances", Json("""{"name":"conf-1","ncpus":1,"memory_mib":512}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var path = $"/v1/instances/{(await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()}";
        var first = await external.GetFromJsonAsync<JsonElement>(path);
        var firstVmm = first.GetProperty("active_vmm_id").GetString();
        await ReadStateAsync(@internal, firstVmm);
        var running = await Poll.UntilAsync(external, path, i => i.GetProperty("run_state").GetString() == "running", "running");
        var sourceVmm = running.GetProperty("active_vmm_id").GetString()!;
        await ReadStateAsync(@internal, sourceVmm);

        var destination = sleds.First(id => id != running.GetProperty("sled_id").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await external.PostAsync($"{path}/migrate", Json($$"""{"dst_sled_id":"{{destination}}"}"""))).StatusCode);
        var moved = await PollWithStatesAsync(external, @internal, path, i => i.GetProperty("run_state").GetString() == "running" && i.GetProperty("sled_id").GetString() == destination);
        await ReadStateAsync(@internal, moved.GetProperty("active_vmm_id").GetString());
        await ReadStateAsync(@internal, sourceVmm);

        await external.PostAsync($"{path}/migrate", Json($$"""{"dst_sled_id":"{{destination}}"}"""));
        await external.PostAsync($"{path}/reboot", null);
        await external.DeleteAsync(path);
        var vmm = moved.GetProperty("active_vmm_id").GetString()!;
        await @internal.PostAsync($"/v1/vmms/{vmm}/doorbell", null);
        using (var legacy = new HttpRequestMessage(HttpMethod.Put, $"/vmms/{vmm}") { Content = Json("""{"vmm_state":{"state":"running","gen":1,"time_updated":"2026-12-01T00:00:00.000000001Z"},"extra":1}""") })
        {
            legacy.Headers.Add("api-version", "1.0.0");
            await @internal.SendAsync(legacy);
        }

        await Poll.UntilAsync(external, path, i => i.GetProperty("run_state").GetString() == "running", "running after reboot");
        await external.PostAsync($"{path}/stop", null);
        await PollWithStatesAsync(external, @internal, path, i => i.GetProperty("run_state").GetString() == "stopped", vmm);
        await ReadStateAsync(@internal, vmm);
        await external.PostAsync($"{path}/stop", null);
        await external.PostAsync($"{path}/start", null);
        var restarted = await Poll.UntilAsync(external, path, i => i.GetProperty("run_state").GetString() == "running", "running again");
        await external.PostAsync($"{path}/stop", null);
        await Poll.UntilAsync(external, path, i => i.GetProperty("run_state").GetString() == "stopped", "stopped again");
        await ReadStateAsync(@internal, restarted.GetProperty("active_vmm_id").GetString());
        await external.DeleteAsync(path);
        await external.GetAsync(path);
        await external.GetAsync("/v1/instances");

        await DriveIdempotencyKeyAsync(external, "conf-key-v1");
        using (var v6 = new HttpRequestMessage(HttpMethod.Post, "/v1/instances") { Content = Json($$"""{"name":"conf-2","start":false,"spec":{{OmicronV6Spec.Json()}}}""") })
        {
            v6.Headers.Add("propolis-api-version", "6.0.0");
            await external.SendAsync(v6);
        }

        foreach (var body in new[] { """{"name":"conf-3","ncpus":"x","memory_mib":1}""", """{"name":"huge","ncpus":250,"memory_mib":1}""", "{" })
        {
            await external.PostAsync("/v1/instances", Json(body));
        }

        await external.PostAsync("/v1/instances", new StringContent("x", Encoding.UTF8, "text/plain"));
        await external.GetAsync("/v1/instances/not-a-uuid");
        await external.PostAsync($"/v1/instances/{Guid.NewGuid()}/start", null);
        await external.PostAsync($"/v1/instances/{Guid.NewGuid()}/migrate", Json($$"""{"dst_sled_id":"{{destination}}"}"""));
        await external.DeleteAsync($"/v1/instances/{Guid.NewGuid()}");
        await external.PostAsync("/v1/instance-specs/validate", Json(Support.Specs.Valid()));
        await external.PostAsync("/v1/instance-specs/validate", Json("""{"board":{}}"""));
        using (var v6 = new HttpRequestMessage(HttpMethod.Post, "/v1/instance-specs/validate") { Content = Json(OmicronV6Spec.Json()) })
        {
            v6.Headers.Add("propolis-api-version", "6.0.0");
            await external.SendAsync(v6);
        }

        await external.PostAsync("/v1/instance-specs/migration-compatibility", Json(Support.Specs.Pair(Support.Specs.Valid(), Support.Specs.Valid(4))));
        await external.PostAsync("/v1/instance-specs/migration-compatibility", Json(Support.Specs.Pair("{}", Support.Specs.Valid())));

        // Internal, in both versions: unknown and malformed ids, an unsupported version, the legacy upcall refused in v2.
        foreach (var version in new[] { "1.0.0", "2.0.0" })
        {
            foreach (var (method, route) in new[] { ("POST", "/v1/vmms/{0}/doorbell"), ("GET", "/vmms/{0}/state"), ("GET", "/v1/sled-agent/vmms/{0}/state"), ("PUT", "/vmms/{0}") })
            {
                foreach (var id in new[] { Guid.NewGuid().ToString(), "nope" })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, route, id));
                    request.Headers.Add("api-version", version);
                    if (method == "PUT")
                    {
                        request.Content = Json("""{"vmm_state":{"state":"running","gen":1,"time_updated":"2026-12-01T00:00:00Z"}}""");
                    }

                    await @internal.SendAsync(request);
                }
            }
        }

        using var unsupported = new HttpRequestMessage(HttpMethod.Get, $"/vmms/{Guid.NewGuid()}/state");
        unsupported.Headers.Add("api-version", "3.0.0");
        await @internal.SendAsync(unsupported);
    }

    /// <summary>
    /// External version 2 (every route, with the version header): the lists page by page (a full walk with limit 1, so both
    /// a next_page token and null are met), limit and page_token refused, and the routes that are as in version 1.
    /// </summary>
    public static async Task DriveExternalV2Async(HttpClient external)
    {
        foreach (var name in new[] { "conf-v2-a", "conf-v2-b" })
        {
            Assert.Equal(HttpStatusCode.Created, (await external.PostAsync("/v1/instances", Json($$"""{"name":"{{name}}","ncpus":1,"memory_mib":256,"start":false}"""))).StatusCode);
        }

        foreach (var list in new[] { "/v1/instances", "/v1/sleds" })
        {
            var pages = 0;
            string? token = null;
            do
            {
                var page = await external.GetFromJsonAsync<JsonElement>(token is null ? $"{list}?limit=1" : $"{list}?limit=1&page_token={token}");
                token = page.GetProperty("next_page").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next_page").GetString();
                pages++;
            }
            while (token is not null);
            Assert.True(pages >= 2, $"{list} was walked in {pages} page(s)");
            Assert.Equal(HttpStatusCode.BadRequest, (await external.GetAsync($"{list}?limit=0")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await external.GetAsync($"{list}?page_token=forged")).StatusCode);
            await external.GetAsync(list);
        }

        await DriveIdempotencyKeyAsync(external, "conf-key-v2");
        var sled = (await external.GetFromJsonAsync<JsonElement>("/v1/sleds")).GetProperty("items")[0].GetProperty("id").GetString();
        var created = await (await external.PostAsync("/v1/instances", Json("""{"name":"conf-v2-c","ncpus":1,"memory_mib":256,"start":false}"""))).Content.ReadFromJsonAsync<JsonElement>();
        var path = $"/v1/instances/{created.GetProperty("id").GetString()}";
        await external.GetAsync(path);
        await external.PostAsync($"/v1/instances/{Guid.NewGuid()}/migrate", Json($$"""{"dst_sled_id":"{{sled}}"}"""));
        await external.PostAsync($"{path}/start", null);
        await Poll.UntilAsync(external, path, i => i.GetProperty("run_state").GetString() == "running", "running (v2)");
        await external.PostAsync($"{path}/reboot", null);
        await Poll.UntilAsync(external, path, i => i.GetProperty("run_state").GetString() == "running", "running after reboot (v2)");
        await external.PostAsync($"{path}/stop", null);
        await Poll.UntilAsync(external, path, i => i.GetProperty("run_state").GetString() == "stopped", "stopped (v2)");
        Assert.Equal(HttpStatusCode.NoContent, (await external.DeleteAsync(path)).StatusCode);
        await external.PostAsync("/v1/instance-specs/validate", Json(Support.Specs.Valid()));
        await external.PostAsync("/v1/instance-specs/migration-compatibility", Json(Support.Specs.Pair(Support.Specs.Valid(), Support.Specs.Valid(4))));
    }

    /// <summary>A create with an Idempotency-Key, its replay (200), the key with another body (422) and a malformed key (400).</summary>
    private static async Task DriveIdempotencyKeyAsync(HttpClient external, string name)
    {
        var key = $"\"{Guid.NewGuid()}\"";
        foreach (var (keyValue, body, expected) in new[]
        {
            (key, $$"""{"name":"{{name}}","ncpus":1,"memory_mib":256,"start":false}""", HttpStatusCode.Created),
            (key, $$"""{"name":"{{name}}","ncpus":1,"memory_mib":256,"start":false}""", HttpStatusCode.OK),
            (key, $$"""{"name":"{{name}}","ncpus":2,"memory_mib":256,"start":false}""", HttpStatusCode.UnprocessableEntity),
            ("\"\"", $$"""{"name":"{{name}}-empty-key","ncpus":1,"memory_mib":256}""", HttpStatusCode.BadRequest),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/instances") { Content = Json(body) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", keyValue);
            using var response = await external.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }
    }

    /// <summary>Polls the instance and reads the sled state of its VMMs on the way, to meet the transient states.</summary>
    private static async Task<JsonElement> PollWithStatesAsync(HttpClient external, HttpClient @internal, string path, Func<JsonElement, bool> done, string? alsoVmm = null)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var instance = await external.GetFromJsonAsync<JsonElement>(path, cts.Token);
            foreach (var member in new[] { "active_vmm_id", "target_vmm_id" })
            {
                if (instance.TryGetProperty(member, out var id) && id.ValueKind == JsonValueKind.String)
                {
                    await ReadStateAsync(@internal, id.GetString());
                }
            }

            if (alsoVmm is not null)
            {
                await ReadStateAsync(@internal, alsoVmm);
            }

            if (done(instance))
            {
                return instance;
            }

            await Task.Delay(5, cts.Token);
        }
    }

    private static async Task ReadStateAsync(HttpClient @internal, string? vmm)
    {
        if (vmm is null)
        {
            return;
        }

        foreach (var (route, version) in new[] { ("/vmms/{0}/state", "1.0.0"), ("/vmms/{0}/state", "2"), ("/v1/sled-agent/vmms/{0}/state", null) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, string.Format(System.Globalization.CultureInfo.InvariantCulture, route, vmm));
            if (version is not null)
            {
                request.Headers.Add("api-version", version);
            }

            await @internal.SendAsync(request);
        }
    }
}
