using System.Net;
using System.Text;
using ControlPlane.Api.Tests.Support;
using Xunit;

namespace ControlPlane.Api.Tests.Problems;

/// <summary>Instance and VMM routes reject bad paths, headers and bodies before any grain is called: 4xx problem documents.</summary>
public sealed class RequestValidationTests(GatewayHost gateway) : IClassFixture<GatewayHost>
{
    private const string SomeId = "5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static TheoryData<string, string> ExternalRoutesWithIds() => new()
    {
        { "GET", "/v1/instances/not-a-uuid" },
        { "POST", "/v1/instances/not-a-uuid/start" },
        { "POST", "/v1/instances/not-a-uuid/stop" },
        { "POST", "/v1/instances/not-a-uuid/reboot" },
        { "DELETE", "/v1/instances/not-a-uuid" },
        { "GET", "/v1/instances/12345" },
        { "GET", "/v1/instances/%7B5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11%7D" },
    };

    [Theory]
    [MemberData(nameof(ExternalRoutesWithIds))]
    public async Task An_invalid_instance_id_is_a_400_naming_the_parameter(string method, string path)
    {
        var response = await gateway.External.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_id");
        Assert.Equal("instance_id", problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task An_invalid_vmm_id_is_a_400_on_every_internal_route()
    {
        await Problem.AssertAsync(await gateway.Internal.PostAsync("/v1/vmms/nope/doorbell", null), HttpStatusCode.BadRequest, "invalid_id");
        await Problem.AssertAsync(await gateway.Internal.GetAsync("/v1/sled-agent/vmms/nope/state"), HttpStatusCode.BadRequest, "invalid_id");
        await Problem.AssertAsync(await gateway.Internal.PutAsync("/vmms/nope", Json(LegacyBody)), HttpStatusCode.BadRequest, "invalid_id");
    }

    [Theory]
    [InlineData("""{"name":"vm","ncpus":"two","memory_mib":1024}""", "invalid_field", "$.ncpus")]
    [InlineData("""{"name":"vm","ncpus":2.5,"memory_mib":1024}""", "invalid_field", "$.ncpus")]
    [InlineData("""{"name":"vm","ncpus":2,"memory_mib":-1}""", "invalid_field", "$.memory_mib")]
    [InlineData("""{"name":7,"ncpus":2,"memory_mib":1024}""", "invalid_field", "$.name")]
    [InlineData("""{"name":"vm","ncpus":2,"memory_mib":1024,"colour":"red"}""", "unknown_field", "$.colour")]
    [InlineData("""{"ncpus":2,"memory_mib":1024}""", "missing_field", "$.name")]
    [InlineData("""{"name":"vm","memory_mib":1024}""", "missing_field", "$.ncpus")]
    [InlineData("""{"name":"Not A Name","ncpus":2,"memory_mib":1024}""", "invalid_field", "$.name")]
    [InlineData("""{"name":"vm","ncpus":2,"memory_mib":1024,"spec":{}}""", "invalid_field", "$.spec")]
    [InlineData("""{"name":"vm","ncpus":2,"memory_mib":1024,"auto_restart_policy":"sometimes"}""", "invalid_field", "$.auto_restart_policy")]
    [InlineData("""{"name":"vm","ncpus":2,"memory_mib":1024,"disks":[{"id":"x","name":"d","slot":0,"backing":{"type":"file","path":"/d","block_size":512}}]}""", "invalid_field", "$.disks[0].id")]
    [InlineData("""{"name":"vm","ncpus":2,"memory_mib":1024,"disks":[{"id":"5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11","name":"d","slot":0,"backing":{"type":"tape"}}]}""", "invalid_field", "$.disks[0].backing")]
    public async Task A_bad_create_request_is_a_400_naming_the_field(string body, string errorCode, string field)
    {
        var problem = await Problem.AssertAsync(await gateway.External.PostAsync("/v1/instances", Json(body)), HttpStatusCode.BadRequest, errorCode);
        Assert.StartsWith(field, problem.GetProperty("field").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "missing_field")]
    [InlineData("""{"dst_sled_id":"nope"}""", "invalid_field")]
    [InlineData("""{"dst_sled_id":"5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11","now":true}""", "unknown_field")]
    public async Task A_bad_migrate_request_is_a_400(string body, string errorCode)
    {
        await Problem.AssertAsync(await gateway.External.PostAsync($"/v1/instances/{SomeId}/migrate", Json(body)), HttpStatusCode.BadRequest, errorCode);
    }

    [Fact]
    public async Task The_legacy_upcall_does_not_exist_in_internal_version_2()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/vmms/{SomeId}") { Content = Json(LegacyBody) };
        request.Headers.Add("api-version", "2");
        await Problem.AssertAsync(await gateway.Internal.SendAsync(request), HttpStatusCode.NotFound, "route_not_found");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("two")]
    [InlineData("1.0")]
    [InlineData("-1")]
    public async Task An_unsupported_api_version_is_a_400(string version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/sled-agent/vmms/{SomeId}/state");
        request.Headers.TryAddWithoutValidation("api-version", version);
        await Problem.AssertAsync(await gateway.Internal.SendAsync(request), HttpStatusCode.BadRequest, "unsupported_api_version");
    }

    [Fact]
    public async Task Internal_routes_are_404_on_the_external_listener_and_external_ones_on_the_internal()
    {
        await Problem.AssertAsync(await gateway.External.PostAsync($"/v1/vmms/{SomeId}/doorbell", null), HttpStatusCode.NotFound, "route_not_found");
        await Problem.AssertAsync(await gateway.External.GetAsync($"/v1/sled-agent/vmms/{SomeId}/state"), HttpStatusCode.NotFound, "route_not_found");
        await Problem.AssertAsync(await gateway.External.PutAsync($"/vmms/{SomeId}", Json(LegacyBody)), HttpStatusCode.NotFound, "route_not_found");
        await Problem.AssertAsync(await gateway.Internal.GetAsync("/v1/instances"), HttpStatusCode.NotFound, "route_not_found");
        await Problem.AssertAsync(await gateway.Internal.GetAsync("/v1/sleds"), HttpStatusCode.NotFound, "route_not_found");
        await Problem.AssertAsync(await gateway.Internal.PostAsync("/v1/instances", Json("""{"name":"vm","ncpus":2,"memory_mib":1024}""")), HttpStatusCode.NotFound, "route_not_found");
    }

    [Fact]
    public async Task Secrets_in_a_rejected_spec_never_appear_in_the_problem_document()
    {
        var spec = """
            {"board":{"cpus":2,"memory_mb":1024,"chipset":{"type":"i440_fx","value":{"enable_pcie":false}}},
             "components":{
              "vol":{"type":"crucible_storage_backend","component":{"request_json":"{\"key\":\"s3cr3t-key\"}","readonly":false}},
              "blob":{"type":"blob_storage_backend","component":{"base64":"c2VjcmV0LWJsb2I=","readonly":true}}}}
            """;
        var response = await gateway.External.PostAsync("/v1/instance-specs/validate", Json(spec));
        var text = (await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_spec")).ToString();
        Assert.DoesNotContain("s3cr3t-key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWJsb2I=", text, StringComparison.Ordinal);
    }

    private const string LegacyBody = """{"vmm_state":{"state":"running","gen":3,"time_updated":"2026-01-01T00:00:00Z"},"migration_in":null,"migration_out":null}""";
}
