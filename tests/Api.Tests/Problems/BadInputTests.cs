using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ControlPlane.Api.Tests.Support;
using Xunit;

namespace ControlPlane.Api.Tests.Problems;

/// <summary>Inputs that must never produce a 500: each gets a 4xx problem document with a stable error_code.</summary>
public sealed class BadInputTests(GatewayHost gateway) : IClassFixture<GatewayHost>
{
    private const string Validate = "/v1/instance-specs/validate";
    private const string Compatibility = "/v1/instance-specs/migration-compatibility";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("{bad")]
    [InlineData("{\"source\": }")]
    [InlineData("{\"source\": [1,2")]
    [InlineData("\u00ff\u00fe")]
    public async Task Malformed_json_is_a_400_malformed_json(string body)
    {
        var problem = await Problem.AssertAsync(await gateway.External.PostAsync(Compatibility, Json(body)), HttpStatusCode.BadRequest, "malformed_json");
        Assert.StartsWith("$", problem.GetProperty("field").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_spec_is_a_400_malformed_json()
    {
        await Problem.AssertAsync(await gateway.External.PostAsync(Validate, Json("{\"board\": {")), HttpStatusCode.BadRequest, "malformed_json");
    }

    [Fact]
    public async Task An_unknown_top_level_field_is_a_400_naming_it()
    {
        var body = "{\"source\":" + Support.Specs.Valid() + ",\"target\":" + Support.Specs.Valid() + ",\"extra\":true}";
        var problem = await Problem.AssertAsync(await gateway.External.PostAsync(Compatibility, Json(body)), HttpStatusCode.BadRequest, "unknown_field");
        Assert.Equal("$.extra", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_missing_required_field_is_a_400_naming_it()
    {
        var body = "{\"source\":" + Support.Specs.Valid() + "}";
        var problem = await Problem.AssertAsync(await gateway.External.PostAsync(Compatibility, Json(body)), HttpStatusCode.BadRequest, "missing_field");
        Assert.Equal("$.target", problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    public async Task A_body_of_the_wrong_type_is_a_400_invalid_field(string body)
    {
        var problem = await Problem.AssertAsync(await gateway.External.PostAsync(Compatibility, Json(body)), HttpStatusCode.BadRequest, "invalid_field");
        Assert.Equal("$", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_duplicate_field_is_a_400()
    {
        var body = "{\"source\":" + Support.Specs.Valid() + ",\"source\":" + Support.Specs.Valid() + ",\"target\":" + Support.Specs.Valid() + "}";
        var problem = await Problem.AssertAsync(await gateway.External.PostAsync(Compatibility, Json(body)), HttpStatusCode.BadRequest, "invalid_field");
        Assert.StartsWith("$", problem.GetProperty("field").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"spec\"")]
    [InlineData("[]")]
    [InlineData("{}")]
    public async Task A_spec_of_the_wrong_shape_is_a_400(string body)
    {
        await Problem.AssertClientErrorAsync(await gateway.External.PostAsync(Validate, Json(body)));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_with_content_length()
    {
        var huge = new string(' ', 2 * 1024 * 1024) + "{}";
        await Problem.AssertAsync(await gateway.External.PostAsync(Validate, Json(huge)), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("1", 700_000)) + "]")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Validate) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        await Problem.AssertAsync(await gateway.External.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        await Problem.AssertAsync(await gateway.External.PostAsync(Validate, new StringContent("{}", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task A_missing_body_is_a_400_missing_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Validate) { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await Problem.AssertAsync(await gateway.External.SendAsync(request), HttpStatusCode.BadRequest, "missing_body");
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        await Problem.AssertAsync(await gateway.External.GetAsync(Validate), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Theory]
    [InlineData("/v1/no-such-route")]
    [InlineData("/v1/instance-specs")]
    public async Task An_unknown_route_is_a_404_problem(string path)
    {
        await Problem.AssertAsync(await gateway.External.GetAsync(path), HttpStatusCode.NotFound, "route_not_found");
        await Problem.AssertAsync(await gateway.Internal.GetAsync(path), HttpStatusCode.NotFound, "route_not_found");
    }

    [Fact]
    public async Task An_external_route_on_the_internal_listener_is_a_404_problem()
    {
        await Problem.AssertAsync(await gateway.Internal.PostAsync(Validate, Json(Support.Specs.Valid())), HttpStatusCode.NotFound, "route_not_found");
    }
}
