using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ControlPlane.Api.Tests.Support;
using Xunit;

namespace ControlPlane.Api.Tests.Formats;

/// <summary>
/// Black box on the embedded default: the spec current Omicron produces (Propolis API version 6, NVMe disks with
/// <c>has_write_cache</c>) validates and runs; the version is named by the <c>propolis-api-version</c> header.
/// </summary>
public sealed class OmicronV6SpecTests(GatewayHost gateway) : IClassFixture<GatewayHost>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Post(string path, string body, string? propolisVersion)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        if (propolisVersion is not null)
        {
            request.Headers.Add("propolis-api-version", propolisVersion);
        }

        return request;
    }

    [Theory]
    [InlineData("6.0.0")]
    [InlineData("6")]
    public async Task A_current_omicron_v6_spec_with_nvme_disks_validates_keeping_its_version(string header)
    {
        var response = await gateway.External.SendAsync(Post("/v1/instance-specs/validate", OmicronV6Spec.Json(), header));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("6.0.0", response.Headers.GetValues("propolis-api-version").Single());

        var components = JsonDocument.Parse(body).RootElement.GetProperty("spec").GetProperty("components");
        Assert.True(components.GetProperty($"{OmicronV6Spec.BootDisk}:device").GetProperty("component").GetProperty("has_write_cache").GetBoolean());
        Assert.False(components.GetProperty($"{OmicronV6Spec.LocalDisk}:device").GetProperty("component").GetProperty("has_write_cache").GetBoolean());
    }

    [Fact]
    public async Task A_current_omicron_v6_spec_creates_a_running_instance()
    {
        var create = $$"""{"name":"omicron-v6","spec":{{OmicronV6Spec.Json()}}}""";
        var response = await gateway.External.SendAsync(Post("/v1/instances", create, "6.0.0"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var path = $"/v1/instances/{JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()}";

        var running = await Poll.UntilAsync(gateway.External, path, i => i.GetProperty("run_state").GetString() == "running", "running");
        Assert.NotNull(running.GetProperty("active_vmm_id").GetString());

        await gateway.External.PostAsync($"{path}/stop", null);
        await Poll.UntilAsync(gateway.External, path, i => i.GetProperty("run_state").GetString() == "stopped", "stopped");
    }

    [Fact]
    public async Task Without_the_header_a_spec_is_version_5_where_has_write_cache_is_unknown_and_a_v5_spec_still_validates()
    {
        var problem = await Problem.AssertAsync(await gateway.External.SendAsync(Post("/v1/instance-specs/validate", OmicronV6Spec.Json(), null)), HttpStatusCode.BadRequest, "invalid_spec");
        Assert.Equal("unknown_field", problem.GetProperty("spec_error").GetString());
        Assert.Equal($"$.components['{OmicronV6Spec.BootDisk}:device'].component.has_write_cache", problem.GetProperty("field").GetString());

        var v5 = await gateway.External.SendAsync(Post("/v1/instance-specs/validate", OmicronV6Spec.Json(includeWriteCache: false), null));
        Assert.Equal(HttpStatusCode.OK, v5.StatusCode);
        Assert.Equal("5.0.0", v5.Headers.GetValues("propolis-api-version").Single());
        Assert.DoesNotContain("has_write_cache", await v5.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var missing = await Problem.AssertAsync(await gateway.External.SendAsync(Post("/v1/instance-specs/validate", OmicronV6Spec.Json(includeWriteCache: false), "6.0.0")), HttpStatusCode.BadRequest, "invalid_spec");
        Assert.Equal("missing_field", missing.GetProperty("spec_error").GetString());
    }

    [Theory]
    [InlineData("7.0.0")]
    [InlineData("6.1.0")]
    [InlineData("0")]
    [InlineData("six")]
    public async Task An_unknown_propolis_api_version_is_a_400_naming_the_supported_ones(string header)
    {
        var problem = await Problem.AssertAsync(await gateway.External.SendAsync(Post("/v1/instance-specs/validate", OmicronV6Spec.Json(), header)), HttpStatusCode.BadRequest, "unsupported_api_version");
        Assert.Contains("6.0.0", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migration_compatibility_reads_v6_specs_and_compares_the_write_cache()
    {
        var source = OmicronV6Spec.Json();
        var target = source.Replace("\"has_write_cache\":false", "\"has_write_cache\":true", StringComparison.Ordinal);
        var response = await gateway.External.SendAsync(Post("/v1/instance-specs/migration-compatibility", Support.Specs.Pair(source, target), "6.0.0"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.GetProperty("compatible").GetBoolean());
        Assert.Equal("disk_write_cache", Assert.Single(body.GetProperty("mismatches").EnumerateArray()).GetProperty("kind").GetString());
    }

    public static TheoryData<string, string, string> DuplicateKeys() => new()
    {
        { "/v1/instance-specs/validate", "{SPEC}", "$.components['com1']" },
        { "/v1/instances", """{"name":"dup-1","spec":{SPEC}}""", "$.components['com1']" },
        { "/v1/instance-specs/migration-compatibility", """{"source":{SPEC},"target":{SPEC}}""", "$.components['com1']" },
    };

    [Theory]
    [MemberData(nameof(DuplicateKeys))]
    public async Task A_duplicate_key_in_a_spec_is_duplicate_key_at_its_path_on_every_route(string route, string template, string field)
    {
        var spec = Support.Specs.Valid().Replace("\"com1\":{", "\"com1\":{\"type\":\"serial_port\",\"component\":{\"num\":\"com2\"}},\"com1\":{", StringComparison.Ordinal);
        var problem = await Problem.AssertAsync(await gateway.External.PostAsync(route, Json(template.Replace("{SPEC}", spec, StringComparison.Ordinal))), HttpStatusCode.BadRequest, "invalid_spec");
        Assert.Equal("duplicate_key", problem.GetProperty("spec_error").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());

        var nested = Support.Specs.Valid().Replace("\"device\":16,", "\"device\":16,\"device\":17,", StringComparison.Ordinal);
        var inPci = await Problem.AssertAsync(await gateway.External.PostAsync(route, Json(template.Replace("{SPEC}", nested, StringComparison.Ordinal))), HttpStatusCode.BadRequest, "invalid_spec");
        Assert.Equal("$.components['disk0'].component.pci_path.device", inPci.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Lenient_where_propolis_is_lenient_over_http()
    {
        var spec = Support.Specs.Valid().Replace("\"function\":0}", "\"function\":0,\"segment\":0}", StringComparison.Ordinal)
            .Replace("[{\"id\":\"disk0\"}]", "[{\"id\":\"disk0\",\"priority\":1}]", StringComparison.Ordinal);
        var response = await gateway.External.PostAsync("/v1/instance-specs/validate", Json(spec));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.DoesNotContain("segment", body, StringComparison.Ordinal);
        Assert.DoesNotContain("priority", body, StringComparison.Ordinal);
    }
}
