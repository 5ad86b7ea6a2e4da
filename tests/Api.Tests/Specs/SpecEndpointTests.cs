using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ControlPlane.Api.Tests.Support;
using Xunit;

namespace ControlPlane.Api.Tests.Specs;

/// <summary>POST /v1/instance-specs/validate and /migration-compatibility over real HTTP.</summary>
public sealed class SpecEndpointTests(GatewayHost gateway) : IClassFixture<GatewayHost>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_valid_spec_comes_back_normalized()
    {
        var uuid = "7D444840-9DC0-11D1-B245-5FFDCE74FAD2";
        var spec = """
            {"board":BOARD,"components":{
              "UUID":{"type":"blob_storage_backend","component":{"base64":"aGVsbG8=","readonly":true}},
              "cloud-init":{"type":"virtio_disk","component":{"backend_id":"UUID","pci_path":{"bus":0,"device":24,"function":0}}}}}
            """.Replace("BOARD", Support.Specs.Board, StringComparison.Ordinal).Replace("UUID", uuid, StringComparison.Ordinal);
        var response = await gateway.External.PostAsync("/v1/instance-specs/validate", Json(spec));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var normalized = body.GetProperty("spec");
        Assert.True(normalized.GetProperty("board").TryGetProperty("cpuid", out _), "CPUID is filled in from the host defaults");
        Assert.True(normalized.GetProperty("components").TryGetProperty(uuid.ToLowerInvariant(), out _), "UUID keys come back lowercase");
    }

    [Fact]
    public async Task An_invalid_spec_is_a_400_naming_the_component_and_the_error_kind()
    {
        var spec = Support.Specs.Valid().Replace("\"backend_id\":\"disk0-be\"", "\"backend_id\":\"nope\"", StringComparison.Ordinal);
        var problem = await Problem.AssertAsync(await gateway.External.PostAsync("/v1/instance-specs/validate", Json(spec)), HttpStatusCode.BadRequest, "invalid_spec");

        Assert.Equal("storage_backend_not_found", problem.GetProperty("spec_error").GetString());
        Assert.Equal("disk0", problem.GetProperty("component").GetString());
        Assert.Contains("disk0", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").GetArrayLength() >= 1);
    }

    [Fact]
    public async Task A_spec_field_of_the_wrong_type_is_a_400_naming_the_field()
    {
        var spec = Support.Specs.Valid().Replace("\"cpus\":2", "\"cpus\":\"two\"", StringComparison.Ordinal);
        var problem = await Problem.AssertAsync(await gateway.External.PostAsync("/v1/instance-specs/validate", Json(spec)), HttpStatusCode.BadRequest, "invalid_spec");

        Assert.Equal("unexpected_json_type", problem.GetProperty("spec_error").GetString());
        Assert.Equal("$.board.cpus", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_unknown_field_inside_a_component_is_a_400_naming_component_and_field()
    {
        var spec = Support.Specs.Valid().Replace("\"num\":\"com1\"", "\"num\":\"com1\",\"foo\":1", StringComparison.Ordinal);
        var problem = await Problem.AssertAsync(await gateway.External.PostAsync("/v1/instance-specs/validate", Json(spec)), HttpStatusCode.BadRequest, "invalid_spec");

        Assert.Equal("unknown_field", problem.GetProperty("spec_error").GetString());
        Assert.Equal("com1", problem.GetProperty("component").GetString());
        Assert.Contains("foo", problem.GetProperty("field").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identical_specs_are_migration_compatible()
    {
        var body = Support.Specs.Pair(Support.Specs.Valid(), Support.Specs.Valid());
        var response = await gateway.External.PostAsync("/v1/instance-specs/migration-compatibility", Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.GetProperty("compatible").GetBoolean());
        Assert.Equal(0, result.GetProperty("mismatches").GetArrayLength());
    }

    [Fact]
    public async Task A_cpu_count_difference_is_reported_as_a_mismatch()
    {
        var body = Support.Specs.Pair(Support.Specs.Valid(cpus: 2), Support.Specs.Valid(cpus: 4));
        var response = await gateway.External.PostAsync("/v1/instance-specs/migration-compatibility", Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(result.GetProperty("compatible").GetBoolean());
        var mismatch = Assert.Single(result.GetProperty("mismatches").EnumerateArray());
        Assert.Equal("board_cpu_count", mismatch.GetProperty("kind").GetString());
        Assert.Equal("2", mismatch.GetProperty("source").GetString());
        Assert.Equal("4", mismatch.GetProperty("target").GetString());
    }

    [Fact]
    public async Task An_invalid_target_spec_is_a_400_that_says_which_side()
    {
        var target = Support.Specs.Valid().Replace("\"backend_id\":\"disk0-be\"", "\"backend_id\":\"nope\"", StringComparison.Ordinal);
        var body = Support.Specs.Pair(Support.Specs.Valid(), target);
        var problem = await Problem.AssertAsync(await gateway.External.PostAsync("/v1/instance-specs/migration-compatibility", Json(body)), HttpStatusCode.BadRequest, "invalid_spec");

        Assert.Equal("target", problem.GetProperty("side").GetString());
        Assert.Equal("disk0", problem.GetProperty("component").GetString());
    }
}
