using System.Net;
using System.Text;
using ControlPlane.Api.Tests.Support;
using Xunit;

namespace ControlPlane.Api.Tests.Problems;

/// <summary>
/// Body errors as clients see them on every route that takes a typed body: the error code of each kind, the exact JSON
/// path in <c>field</c>, and a message that names it; decided by the gateway's boundary reader, not by serializer text.
/// </summary>
public sealed class JsonBodyProblemTests(GatewayHost gateway) : IClassFixture<GatewayHost>
{
    private const string SomeId = "5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11";
    private const string Disk = """{"id":"5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11","name":"d","slot":0,"backing":BACKING}""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string CreateWithDisk(string backing) =>
        """{"name":"vm","ncpus":2,"memory_mib":1024,"disks":[""" + Disk.Replace("BACKING", backing, StringComparison.Ordinal) + "]}";

    public static TheoryData<string, string, string, string> Cases() => new()
    {
        { "/v1/instances", """{"name":"vm","ncpus":2,"memory_mib":1024,"colour":"red"}""", "unknown_field", "$.colour" },
        { "/v1/instances", CreateWithDisk("""{"type":"file","path":"/d","block_size":512,"x":1}"""), "unknown_field", "$.disks[0].backing.x" },
        { "/v1/instances", """{"name":"vm","nics":[{"id":"5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11","slot":0,"a b":1}]}""", "unknown_field", "$.nics[0]['a b']" },
        { "/v1/instances", """{"ncpus":2,"memory_mib":1024}""", "missing_field", "$.name" },
        { "/v1/instances", CreateWithDisk("""{"type":"file","path":"/d"}"""), "missing_field", "$.disks[0].backing.block_size" },
        { "/v1/instances", """{"name":"vm","disks":[{"name":"d","slot":0,"backing":{"type":"file","path":"/d","block_size":512}}]}""", "missing_field", "$.disks[0].id" },
        { "/v1/instances", CreateWithDisk("""{"path":"/d","block_size":512}"""), "missing_field", "$.disks[0].backing.type" },
        { "/v1/instances", """{"name":"vm","ncpus":2,"memory_mib":1024,"name":"x"}""", "invalid_field", "$.name" },
        { "/v1/instances", """{"name":"vm","disks":[{"id":"5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11","slot":0,"slot":1}]}""", "invalid_field", "$.disks[0].slot" },
        { "/v1/instances", CreateWithDisk("""{"type":"tape"}"""), "invalid_field", "$.disks[0].backing" },
        { "/v1/instances", """{"name":"vm","ncpus":"two","memory_mib":1024}""", "invalid_field", "$.ncpus" },
        { "/v1/instances", """{"name":"vm","disks":[{"id":"5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11", ]}""", "malformed_json", "$.disks[0].id" },
        { $"/v1/instances/{SomeId}/migrate", "{}", "missing_field", "$.dst_sled_id" },
        { $"/v1/instances/{SomeId}/migrate", """{"dst_sled_id":"nope"}""", "invalid_field", "$.dst_sled_id" },
        { $"/v1/instances/{SomeId}/migrate", """{"dst_sled_id":"5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11","now":true}""", "unknown_field", "$.now" },
        { "/v1/instance-specs/migration-compatibility", "{}", "missing_field", "$.source" },
        { "/v1/instance-specs/migration-compatibility", """{"source": }""", "malformed_json", "$.source" },
        { "/v1/instance-specs/migration-compatibility", """{"source": [1,2""", "malformed_json", "$.source" },
        { "/v1/instance-specs/migration-compatibility", "{bad", "malformed_json", "$" },
        { "/v1/instance-specs/migration-compatibility", "[1,2]", "invalid_field", "$" },
        { "/v1/instance-specs/validate", """{"board": {""", "malformed_json", "$" },
        { "/v1/instance-specs/validate", "null", "invalid_field", "$" },
        { "/v1/instances", "null", "invalid_field", "$" },
        { $"/v1/instances/{SomeId}/migrate", " null ", "invalid_field", "$" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_body_error_is_its_code_at_the_exact_path_named_in_the_message(string route, string body, string errorCode, string field)
    {
        var problem = await Problem.AssertAsync(await gateway.External.PostAsync(route, Json(body)), HttpStatusCode.BadRequest, errorCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(field, problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"vmm_state":{"state":"running","time_updated":"2026-01-01T00:00:00Z"}}""", "missing_field", "$.vmm_state.gen")]
    [InlineData("""{"vmm_state":{"state":"running","gen":1,"gen":2,"time_updated":"2026-01-01T00:00:00Z"}}""", "invalid_field", "$.vmm_state.gen")]
    [InlineData("""{"vmm_state":{"state":"running","gen":-1,"time_updated":"2026-01-01T00:00:00Z"}}""", "invalid_field", "$.vmm_state.gen")]
    [InlineData("""{"vmm_state":{"state":"running",""", "malformed_json", "$.vmm_state.state")]
    public async Task The_legacy_upcall_body_is_checked_the_same_way_on_the_internal_listener(string body, string errorCode, string field)
    {
        var problem = await Problem.AssertAsync(await gateway.Internal.PutAsync($"/vmms/{SomeId}", Json(body)), HttpStatusCode.BadRequest, errorCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Unknown_members_of_the_lenient_upcall_body_pass_the_check()
    {
        // Omicron ignores unknown fields here: the answer is about the VMM (none with this id), not the body.
        var body = """{"vmm_state":{"state":"running","gen":3,"time_updated":"2026-01-01T00:00:00Z","later":1},"migration_in":null,"migration_out":null,"x":2}""";
        await Problem.AssertAsync(await gateway.Internal.PutAsync($"/vmms/{SomeId}", Json(body)), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_discriminator_after_the_other_members_is_read_like_one_before_them()
    {
        var response = await gateway.External.PostAsync("/v1/instances", Json(CreateWithDisk("""{"path":"/d.raw","block_size":512,"type":"file"}""").Replace("\"name\":\"vm\"", "\"name\":\"late-tag\"", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Invalid_utf8_is_malformed_json_at_the_member_it_is_in()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"name":"v?","ncpus":2,"memory_mib":1024}""");
        bytes[10] = 0xC3; // a lead byte followed by '"': not UTF-8
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var problem = await Problem.AssertAsync(await gateway.External.PostAsync("/v1/instances", content), HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal("$.name", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_body_in_a_declared_charset_is_checked_as_the_text_it_is()
    {
        using var content = new StringContent("""{"dst_sled_id":"5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11","now":true}""", Encoding.Unicode, "application/json");
        var problem = await Problem.AssertAsync(await gateway.External.PostAsync($"/v1/instances/{SomeId}/migrate", content), HttpStatusCode.BadRequest, "unknown_field");
        Assert.Equal("$.now", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_body_with_a_utf8_byte_order_mark_is_read()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Support.Specs.Valid())).ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var response = await gateway.External.PostAsync("/v1/instance-specs/validate", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
