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

    private static JsonNode Document(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")))!;

    [Fact]
    public async Task Every_route_answers_as_its_committed_document_says()
    {
        await using var scope = await GatewayHostScope.StartAsync();
        var recorded = new ConcurrentQueue<Exchange>();
        using var external = new HttpClient(new Recorder("external", recorded)) { BaseAddress = scope.Host.External.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var @internal = new HttpClient(new Recorder("internal", recorded)) { BaseAddress = scope.Host.Internal.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        await ConformanceScenario.DriveEveryRouteAsync(external, @internal);
        using var externalV2 = new HttpClient(new Recorder("external", recorded)) { BaseAddress = scope.Host.External.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        externalV2.DefaultRequestHeaders.Add("api-version", "2.0.0");
        await ConformanceScenario.DriveExternalV2Async(externalV2);

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
