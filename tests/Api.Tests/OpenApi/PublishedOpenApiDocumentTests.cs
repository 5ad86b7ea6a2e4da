using System.Text.Json.Nodes;
using ControlPlane.Api.Listeners;
using ControlPlane.Api.OpenApi;
using ControlPlane.Api.Tests.Support;
using Xunit;

namespace ControlPlane.Api.Tests.OpenApi;

/// <summary>
/// Published OpenAPI documents (Api/openapi/*.json) are immutable: the gateway must regenerate each one exactly.
/// A new version is added to <see cref="ApiDocument.Published"/> and its file written once by running the tests
/// with <c>CONTROLPLANE_WRITE_NEW_OPENAPI=1</c>; files that already exist are never overwritten.
/// </summary>
public sealed class PublishedOpenApiDocumentTests(GatewayHost gateway) : IClassFixture<GatewayHost>
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "Api", "openapi");

    public static TheoryData<string> Documents() => [.. ApiDocument.Published.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Every_published_document_is_regenerated_unchanged(string name)
    {
        var generated = await GenerateAsync(name);
        var file = Path.Combine(Folder, name + ".json");
        if (!File.Exists(file) && Environment.GetEnvironmentVariable("CONTROLPLANE_WRITE_NEW_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Folder);
            await File.WriteAllTextAsync(file, generated);
        }

        Assert.True(File.Exists(file), $"{name} is published but {file} is missing; run the tests once with CONTROLPLANE_WRITE_NEW_OPENAPI=1 and commit it.");
        var differences = Check(await File.ReadAllTextAsync(file), generated);
        Assert.True(differences.Count == 0,
            $"Published OpenAPI document {name} changed; published versions are immutable (add a new version instead):\n  " + string.Join("\n  ", differences));
    }

    [Theory]
    [InlineData("external-v1")]
    [InlineData("external-v2")]
    public void Instance_create_documents_its_idempotency_key_its_replay_and_a_reused_key(string name)
    {
        var create = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")))!["paths"]!["/v1/instances"]!["post"]!;
        var header = create["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "Idempotency-Key")!;
        Assert.Equal(("header", false), (header["in"]!.GetValue<string>(), header["required"]?.GetValue<bool>() ?? false));
        var responses = create["responses"]!.AsObject();
        Assert.Equal(responses["201"]!["content"]!.ToJsonString(), responses["200"]!["content"]!.ToJsonString());
        Assert.Equal("#/components/schemas/ProblemDetails", responses["422"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_edited_copy_of_a_published_document_is_detected()
    {
        var published = await File.ReadAllTextAsync(Path.Combine(Folder, "external-v1.json"));
        var generated = await GenerateAsync("external-v1");
        Assert.Empty(Check(published, generated));

        var edited = JsonNode.Parse(published)!.AsObject();
        var paths = edited["paths"]!.AsObject();
        paths.Remove("/v1/sleds");
        paths["/v1/instances/{instance_id}"]!["delete"]!["summary"] = "Delete any instance.";
        var differences = Check(edited.ToJsonString(), generated);

        Assert.Contains("added /paths/~1v1~1sleds", differences);
        Assert.Contains(differences, d => d.StartsWith("changed /paths/~1v1~1instances~1{instance_id}/delete/summary", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_committed_document_is_still_published()
    {
        var committed = Directory.GetFiles(Folder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);
        var published = ApiDocument.Published.Select(d => d.Name).ToHashSet();
        Assert.All(committed, name => Assert.True(published.Contains(name), $"{name}.json is committed but no longer published; published versions cannot be withdrawn."));
    }

    [Fact]
    public async Task Generation_is_deterministic_across_gateways()
    {
        await using var other = await GatewayHostScope.StartAsync();
        foreach (var document in ApiDocument.Published)
        {
            var client = document.Listener == ApiListener.External ? other.Host.External : other.Host.Internal;
            Assert.Equal(await GenerateAsync(document.Name), await client.GetStringAsync(document.Route));
        }
    }

    [Fact]
    public async Task Internal_v1_has_the_deprecated_legacy_upcall_and_v2_does_not()
    {
        var v1 = JsonNode.Parse(await GenerateAsync("internal-v1"))!;
        var v2 = JsonNode.Parse(await GenerateAsync("internal-v2"))!;

        Assert.True(v1["paths"]!["/vmms/{vmm_id}"]!["put"]!["deprecated"]!.GetValue<bool>());
        Assert.Null(v2["paths"]!["/vmms/{vmm_id}"]);
        Assert.NotNull(v2["paths"]!["/v1/vmms/{vmm_id}/doorbell"]);
        Assert.Null(v1["paths"]!["/v1/instances"]);
    }

    [Fact]
    public async Task Each_document_is_served_only_on_the_listener_it_describes()
    {
        await Support.Problem.AssertAsync(await gateway.External.GetAsync("/openapi/internal-v1.json"), System.Net.HttpStatusCode.NotFound, "route_not_found");
        await Support.Problem.AssertAsync(await gateway.Internal.GetAsync("/openapi/external-v1.json"), System.Net.HttpStatusCode.NotFound, "route_not_found");
    }

    private static IReadOnlyList<string> Check(string published, string generated) =>
        OpenApiDiff.Differences(JsonNode.Parse(published), JsonNode.Parse(generated));

    private async Task<string> GenerateAsync(string name)
    {
        var document = ApiDocument.Published.Single(d => d.Name == name);
        var client = document.Listener == ApiListener.External ? gateway.External : gateway.Internal;
        return await client.GetStringAsync(document.Route);
    }
}
