using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ControlPlane.Api.Json;
using ControlPlane.Api.Tests.Support;
using ControlPlane.Grains.Abstractions.Vmms.V1;
using Xunit;

namespace ControlPlane.Api.Tests.OpenApi;

/// <summary>
/// The committed OpenAPI documents tell the truth: real responses of every documented route (success and error,
/// VMM states through a whole lifecycle with a migration, null and non-null migration sides) are validated against the
/// document of their listener and version, and any mismatch, undocumented status or unexercised route fails.
/// </summary>
public sealed class ResponseConformanceTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "Api", "openapi");

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static JsonNode Document(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")))!;

    [Fact]
    public async Task Every_route_answers_as_its_committed_document_says()
    {
        await using var scope = await GatewayHostScope.StartAsync();
        var recorded = new ConcurrentQueue<Exchange>();
        using var external = new HttpClient(new Recorder("external", recorded)) { BaseAddress = scope.Host.External.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var @internal = new HttpClient(new Recorder("internal", recorded)) { BaseAddress = scope.Host.Internal.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        await DriveEveryRouteAsync(external, @internal);
        using var externalV2 = new HttpClient(new Recorder("external", recorded)) { BaseAddress = scope.Host.External.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        externalV2.DefaultRequestHeaders.Add("api-version", "2.0.0");
        await DriveExternalV2Async(externalV2);

        var documents = new Dictionary<string, JsonNode> { ["external-v1"] = Document("external-v1"), ["external-v2"] = Document("external-v2"), ["internal-v1"] = Document("internal-v1"), ["internal-v2"] = Document("internal-v2") };
        var failures = new List<string>();
        var exercised = new HashSet<string>(StringComparer.Ordinal);
        var vmmStates = new HashSet<string>(StringComparer.Ordinal);
        var migrationSides = new HashSet<string>(StringComparer.Ordinal);
        foreach (var exchange in recorded)
        {
            var name = $"{exchange.Listener}-v{exchange.Version}";
            var document = documents[name];
            if (FindOperation(document, exchange.Method, exchange.Path) is not { } found)
            {
                // A route absent from this version may only answer 404 route_not_found, as the document's problem schema says.
                var body = exchange.Body.Length > 0 ? JsonNode.Parse(exchange.Body) : null;
                var errors = new OpenApiSchemaValidator(document).Validate(body, JsonNode.Parse("""{"$ref":"#/components/schemas/ProblemDetails"}""")!);
                if (exchange.Status != HttpStatusCode.NotFound || body?["error_code"]?.GetValue<string>() != "route_not_found" || errors.Count > 0)
                {
                    failures.Add($"{name}: {exchange.Method} {exchange.Path} is not documented (answered {(int)exchange.Status}) {string.Join("; ", errors)}");
                }

                continue;
            }

            exercised.Add($"{name} {exchange.Method} {found.Template}");
            var problem = Validate(document, found.Operation, exchange);
            failures.AddRange(problem.Select(p => $"{name}: {exchange.Method} {exchange.Path} -> {(int)exchange.Status}: {p}"));
            if (exchange.Status == HttpStatusCode.OK && found.Template.EndsWith("/state", StringComparison.Ordinal) && JsonNode.Parse(exchange.Body) is JsonObject state)
            {
                vmmStates.Add(state["vmm_state"]!["state"]!.GetValue<string>());
                foreach (var side in new[] { "migration_in", "migration_out" })
                {
                    migrationSides.Add($"{side}:{(state[side] is null ? "null" : "object")}");
                }
            }
        }

        foreach (var (name, document) in documents)
        {
            foreach (var (template, item) in document["paths"]!.AsObject())
            {
                foreach (var (method, _) in item!.AsObject())
                {
                    if (!exercised.Contains($"{name} {method.ToUpperInvariant()} {template}"))
                    {
                        failures.Add($"{name}: {method.ToUpperInvariant()} {template} was never exercised (add it to the scenario)");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, "Responses that do not match their OpenAPI document:\n  " + string.Join("\n  ", failures));
        // Transient states (starting, migrating, stopping...) are met only when a poll lands on them; every value the server
        // can write is checked against the documents by the test below, whatever the timing.
        Assert.Contains("running", vmmStates);
        Assert.Superset(new HashSet<string> { "migration_in:null", "migration_in:object", "migration_out:null", "migration_out:object" }, migrationSides);
    }

    [Fact]
    public void Every_vmm_and_migration_state_the_server_can_write_is_in_the_documents()
    {
        // States the lifecycle above cannot reach on the embedded default (rebooting is brief, failed needs a fault, stopped
        // only the simulator reports) are checked here, written by the server's own JSON contract.
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        foreach (var name in new[] { "internal-v1", "internal-v2" })
        {
            var document = Document(name);
            var validator = new OpenApiSchemaValidator(document);
            var sled = SledStateSchema(document);
            var vmmStateSchema = sled["vmm_state"]!;
            foreach (var state in Enum.GetValues<VmmState>())
            {
                var body = JsonSerializer.SerializeToNode(new SledVmmState
                {
                    VmmState = new VmmRuntimeState { State = state, Gen = new Grains.Abstractions.Vmms.Generation(3), TimeUpdated = DateTimeOffset.UnixEpoch },
                }, options)!;
                Assert.Empty(validator.Validate(body["vmm_state"]!["state"], Property(document, vmmStateSchema, "state")));
            }

            var migrationSchema = Property(document, sled["migration_in"]!, "state", nullableRef: true);
            foreach (var state in Enum.GetValues<MigrationState>())
            {
                Assert.Empty(validator.Validate(JsonSerializer.SerializeToNode(state, options), migrationSchema));
            }

            Assert.NotEmpty(validator.Validate(JsonValue.Create("sleeping"), Property(document, vmmStateSchema, "state")));
        }
    }

    private static async Task DriveEveryRouteAsync(HttpClient external, HttpClient @internal)
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
    private static async Task DriveExternalV2Async(HttpClient external)
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

    private static (string Template, JsonObject Operation)? FindOperation(JsonNode document, string method, string path)
    {
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$";
            if (Regex.IsMatch(path, pattern) && item![method.ToLowerInvariant()] is JsonObject operation)
            {
                return (template, operation);
            }
        }

        return null;
    }

    private static List<string> Validate(JsonNode document, JsonObject operation, Exchange exchange)
    {
        var responses = operation["responses"]!.AsObject();
        var status = ((int)exchange.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = responses[status] ?? responses[$"{status[0]}XX"] ?? responses["default"];
        if (response is null)
        {
            return [$"status {status} is not documented"];
        }

        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            return exchange.Body.Length == 0 ? [] : [$"a body was sent but status {status} documents none"];
        }

        if (exchange.MediaType is null || content[exchange.MediaType] is not { } media)
        {
            return [$"content type {exchange.MediaType ?? "(none)"} is not documented for {status} (documented: {string.Join(", ", content.Select(c => c.Key))})"];
        }

        return media["schema"] is { } schema ? [.. new OpenApiSchemaValidator(document).Validate(JsonNode.Parse(exchange.Body), schema)] : [];
    }

    private static JsonObject SledStateSchema(JsonNode document)
    {
        var schemas = document["components"]!["schemas"]!.AsObject();
        var sled = schemas.First(s => s.Key.StartsWith("SledVmmState", StringComparison.Ordinal)).Value!;
        return sled["properties"]!.AsObject();
    }

    private static JsonNode Property(JsonNode document, JsonNode schema, string name, bool nullableRef = false)
    {
        var resolved = Deref(document, schema);
        if (nullableRef && resolved["oneOf"] is JsonArray options)
        {
            resolved = Deref(document, options.First(o => o!["$ref"] is not null)!);
        }

        return resolved["properties"]![name]!;
    }

    private static JsonNode Deref(JsonNode document, JsonNode schema) =>
        schema["$ref"] is { } reference ? document["components"]!["schemas"]![reference.GetValue<string>()["#/components/schemas/".Length..]]! : schema;

    private sealed record Exchange(string Listener, string Method, string Path, int Version, HttpStatusCode Status, string? MediaType, string Body);

    /// <summary>Records every request and its response as it went over the wire.</summary>
    private sealed class Recorder(string listener, ConcurrentQueue<Exchange> recorded) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var version = request.Headers.TryGetValues("api-version", out var values) && values.Single() is var v && v.Length > 0 ? int.Parse(v.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture) : 1;
            if (version is 1 or 2)
            {
                recorded.Enqueue(new Exchange(listener, request.Method.Method, request.RequestUri!.AbsolutePath, version, response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
            }

            var copy = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(body, Encoding.UTF8) };
            if (response.Content.Headers.ContentType is { } type)
            {
                copy.Content.Headers.ContentType = type;
            }

            foreach (var header in response.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return copy;
        }
    }
}
