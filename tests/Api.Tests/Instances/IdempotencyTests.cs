using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ControlPlane.Api.Tests.Support;
using Xunit;

namespace ControlPlane.Api.Tests.Instances;

/// <summary>
/// <c>Idempotency-Key</c> on <c>POST /v1/instances</c> and unique names, black-box over HTTP against the embedded default:
/// a retried create returns the same instance, a key reused for another body is refused, a duplicate name is 409.
/// </summary>
public sealed class IdempotencyTests(GatewayHost gateway) : IClassFixture<GatewayHost>
{
    private static HttpRequestMessage Create(string body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/instances") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return request;
    }

    private static string Id(JsonElement instance) => instance.GetProperty("id").GetString()!;

    private async Task<(HttpStatusCode Status, JsonElement Body)> Send(string body, string? key)
    {
        var response = await gateway.External.SendAsync(Create(body, key));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement);
    }

    private async Task<int> Named(string name) =>
        (await gateway.External.GetFromJsonAsync<JsonElement>("/v1/instances")).GetProperty("items").EnumerateArray().Count(i => i.GetProperty("name").GetString() == name);

    [Fact]
    public async Task Idempotency_a_create_retried_with_the_same_key_returns_the_same_instance()
    {
        var key = $"\"{Guid.NewGuid()}\"";
        var (first, created) = await Send("""{"name":"idem-1","ncpus":2,"memory_mib":1024,"start":false}""", key);
        // The same request again, written differently (field order, spacing): the same instance, 200 this time.
        var (second, replayed) = await Send("""{ "start": false, "memory_mib": 1024, "ncpus": 2, "name": "idem-1" }""", key);
        var (third, _) = await Send("""{"name":"idem-1","ncpus":2,"memory_mib":1024,"start":false}""", key);

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal(HttpStatusCode.OK, third);
        Assert.Equal(Id(created), Id(replayed));
        Assert.Equal(1, await Named("idem-1"));
    }

    [Fact]
    public async Task Idempotency_the_same_key_with_another_body_is_refused_and_creates_nothing()
    {
        var key = Guid.NewGuid().ToString(); // a bare token is accepted as well as an sf-string
        var (_, created) = await Send("""{"name":"idem-2","ncpus":2,"memory_mib":1024,"start":false}""", key);
        var response = await gateway.External.SendAsync(Create("""{"name":"idem-2b","ncpus":4,"memory_mib":1024,"start":false}""", key));
        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal("Idempotency-Key", problem.GetProperty("header").GetString());
        Assert.Equal(0, await Named("idem-2b"));
        Assert.Equal(HttpStatusCode.OK, (await gateway.External.GetAsync($"/v1/instances/{Id(created)}")).StatusCode);
    }

    [Fact]
    public async Task Idempotency_without_a_key_each_create_is_new_and_a_duplicate_name_is_409_object_already_exists()
    {
        var body = """{"name":"idem-3","ncpus":2,"memory_mib":1024,"start":false}""";
        var (status, _) = await Send(body, key: null);
        Assert.Equal(HttpStatusCode.Created, status);
        var problem = await Problem.AssertAsync(await gateway.External.SendAsync(Create(body, key: null)), HttpStatusCode.Conflict, "object_already_exists");
        Assert.Contains("idem-3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Another key for the same name is still a second instance of that name: refused the same way.
        await Problem.AssertAsync(await gateway.External.SendAsync(Create(body, Guid.NewGuid().ToString())), HttpStatusCode.Conflict, "object_already_exists");
        Assert.Equal(1, await Named("idem-3"));
    }

    [Fact]
    public async Task Idempotency_a_deleted_instances_name_can_be_used_again()
    {
        var body = """{"name":"idem-4","ncpus":2,"memory_mib":1024,"start":false}""";
        var (_, first) = await Send(body, key: null);
        Assert.Equal(HttpStatusCode.NoContent, (await gateway.External.DeleteAsync($"/v1/instances/{Id(first)}")).StatusCode);
        var (status, second) = await Send(body, key: null);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.NotEqual(Id(first), Id(second));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("key with \\ backslash")]
    public async Task Idempotency_a_malformed_key_is_a_400_naming_the_header(string key)
    {
        var response = await gateway.External.SendAsync(Create("""{"name":"idem-5","ncpus":2,"memory_mib":1024,"start":false}""", key));
        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_header");
        Assert.Equal("Idempotency-Key", problem.GetProperty("header").GetString());
        Assert.Equal(0, await Named("idem-5"));
    }

    [Fact]
    public async Task Idempotency_a_key_longer_than_255_characters_is_a_400()
    {
        var response = await gateway.External.SendAsync(Create("""{"name":"idem-6","ncpus":2,"memory_mib":1024,"start":false}""", new string('k', 256)));
        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_header");
    }
}
