using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ControlPlane.Api.Tests.Support;
using Xunit;

namespace ControlPlane.Api.Tests.Instances;

/// <summary>
/// Paginated lists (external API version 2, Omicron's conventions) over HTTP on the embedded default: a walk of every
/// page meets each instance once in id order, also while creates run; limit and page_token are parsed strictly; version 1
/// keeps answering every item. And names stay unique under concurrent creates.
/// </summary>
public sealed class PaginationTests(GatewayHost gateway) : IClassFixture<GatewayHost>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<Guid> CreateAsync(string name)
    {
        var response = await gateway.External.PostAsync("/v1/instances", Json($$"""{"name":"{{name}}","ncpus":1,"memory_mib":256,"start":false}"""));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return Guid.Parse(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
    }

    private async Task<HttpResponseMessage> GetV2Async(string pathAndQuery, string version = "2.0.0")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Add("api-version", version);
        return await gateway.External.SendAsync(request);
    }

    private async Task<JsonElement> PageAsync(string pathAndQuery)
    {
        var response = await GetV2Async(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("2", response.Headers.GetValues("api-version").Single());
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Every page of a list, following next_page to the end; the ids in the order met and each page's size.</summary>
    private async Task<(List<Guid> Ids, List<int> Sizes)> WalkAsync(string list, int limit, Func<Task>? betweenPages = null)
    {
        var ids = new List<Guid>();
        var sizes = new List<int>();
        string? token = null;
        do
        {
            var page = await PageAsync(token is null ? $"{list}?limit={limit}" : $"{list}?limit={limit}&page_token={Uri.EscapeDataString(token)}");
            var items = page.GetProperty("items").EnumerateArray().Select(i => Guid.Parse(i.GetProperty("id").GetString()!)).ToList();
            ids.AddRange(items);
            sizes.Add(items.Count);
            var next = page.GetProperty("next_page");
            token = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
            if (betweenPages is not null)
            {
                await betweenPages();
            }
        }
        while (token is not null);
        return (ids, sizes);
    }

    private static void AssertAscendingAndDistinct(List<Guid> ids)
    {
        Assert.Equal(ids.Count, ids.Distinct().Count());
        for (var i = 1; i < ids.Count; i++)
        {
            Assert.True(ids[i - 1].CompareTo(ids[i]) < 0, $"{ids[i - 1]} is listed before {ids[i]}");
        }
    }

    [Fact]
    public async Task A_walk_of_every_page_meets_each_instance_once_in_id_order()
    {
        var created = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            created.Add(await CreateAsync($"walk-{i}"));
        }

        var (ids, sizes) = await WalkAsync("/v1/instances", 5);

        AssertAscendingAndDistinct(ids);
        Assert.Superset(created.ToHashSet(), ids.ToHashSet());
        Assert.All(sizes, size => Assert.InRange(size, 0, 5));
        Assert.True(sizes.Count >= 5, $"23 instances in pages of 5 came in {sizes.Count} pages");
        var v1 = await gateway.External.GetFromJsonAsync<JsonElement>("/v1/instances");
        Assert.Equal(ids.Order().ToList(), v1.GetProperty("items").EnumerateArray().Select(i => Guid.Parse(i.GetProperty("id").GetString()!)).Order().ToList());
    }

    [Fact]
    public async Task A_walk_while_instances_are_created_lists_no_instance_twice_and_every_earlier_one()
    {
        var before = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            before.Add(await CreateAsync($"during-before-{i}"));
        }

        var next = 0;
        var during = new List<Guid>();
        var (ids, _) = await WalkAsync("/v1/instances", 3, async () =>
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => CreateAsync($"during-{Interlocked.Increment(ref next)}")));
            during.AddRange(batch);
        });

        AssertAscendingAndDistinct(ids);
        Assert.Superset(before.ToHashSet(), ids.ToHashSet());
        Assert.True(during.Count >= 9, "creates ran between the pages");
    }

    [Fact]
    public async Task Limit_defaults_to_100_allows_1_to_1000_and_refuses_anything_else_naming_limit()
    {
        while ((await PageAsync("/v1/instances?limit=1000")).GetProperty("items").GetArrayLength() <= 100)
        {
            await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CreateAsync($"limit-{Guid.NewGuid():N}")));
        }

        var first = await PageAsync("/v1/instances");
        Assert.Equal(100, first.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.String, first.GetProperty("next_page").ValueKind);
        Assert.Single((await PageAsync("/v1/instances?limit=1")).GetProperty("items").EnumerateArray());

        foreach (var bad in new[] { "0", "1001", "-1", "abc", "1.5", "", "%201", "99999999999", "1e2" })
        {
            var problem = await Problem.AssertAsync(await GetV2Async($"/v1/instances?limit={bad}"), HttpStatusCode.BadRequest, "invalid_field");
            Assert.Equal("limit", problem.GetProperty("field").GetString());
        }

        var twice = await Problem.AssertAsync(await GetV2Async("/v1/instances?limit=1&limit=2"), HttpStatusCode.BadRequest, "invalid_field");
        Assert.Equal("limit", twice.GetProperty("field").GetString());
        var sleds = await Problem.AssertAsync(await GetV2Async("/v1/sleds?limit=1001"), HttpStatusCode.BadRequest, "invalid_field");
        Assert.Equal("limit", sleds.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_malformed_forged_or_other_lists_page_token_is_a_400_naming_page_token()
    {
        await CreateAsync($"token-{Guid.NewGuid():N}");
        await CreateAsync($"token-{Guid.NewGuid():N}");
        var instanceToken = (await PageAsync("/v1/instances?limit=1")).GetProperty("next_page").GetString()!;
        var sledToken = (await PageAsync("/v1/sleds?limit=1")).GetProperty("next_page").GetString()!;
        // A token is an unsigned position (as Dropshot's are): one edited into another well-formed position is just that
        // position; one edited out of the form this server writes is refused.
        var tampered = (instanceToken[0] == 'A' ? "B" : "A") + instanceToken[1..];
        var padded = instanceToken + "==";
        var foreign = Convert.ToBase64String(Encoding.UTF8.GetBytes($"v1/instances/{Guid.NewGuid():D}"));
        var unicode = Uri.EscapeDataString("ü");

        foreach (var (list, token) in new[]
        {
            ("/v1/instances", "forged"), ("/v1/instances", sledToken), ("/v1/sleds", instanceToken), ("/v1/instances", tampered),
            ("/v1/instances", padded), ("/v1/instances", foreign), ("/v1/instances", unicode), ("/v1/instances", ""), ("/v1/instances", new string('A', 4000)),
        })
        {
            var response = await GetV2Async($"{list}?page_token={(token == unicode ? token : Uri.EscapeDataString(token))}");
            var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_field");
            Assert.Equal("page_token", problem.GetProperty("field").GetString());
        }

        Assert.Single((await PageAsync($"/v1/instances?limit=1&page_token={Uri.EscapeDataString(instanceToken)}")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Without_the_version_header_lists_answer_every_item_as_version_1_and_an_unknown_version_is_refused()
    {
        await CreateAsync($"v1-{Guid.NewGuid():N}");
        var response = await gateway.External.GetAsync("/v1/instances?limit=1");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.TryGetProperty("next_page", out _));
        var names = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal((await WalkAsync("/v1/instances", 1000)).Ids.Count, names.Count);

        await Problem.AssertAsync(await GetV2Async("/v1/instances", "3.0.0"), HttpStatusCode.BadRequest, "unsupported_api_version");
        await Problem.AssertAsync(await GetV2Async("/v1/sleds", "2.1.0"), HttpStatusCode.BadRequest, "unsupported_api_version");
    }

    [Fact]
    public async Task A_deleted_instance_is_no_longer_in_any_page()
    {
        var kept = await CreateAsync($"kept-{Guid.NewGuid():N}");
        var deleted = await CreateAsync($"deleted-{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.NoContent, (await gateway.External.DeleteAsync($"/v1/instances/{deleted}")).StatusCode);

        var (ids, _) = await WalkAsync("/v1/instances", 1000);
        Assert.Contains(kept, ids);
        Assert.DoesNotContain(deleted, ids);
    }

    [Fact]
    public async Task Sleds_are_paged_in_id_order_to_the_end()
    {
        var (ids, sizes) = await WalkAsync("/v1/sleds", 1);
        var all = (await gateway.External.GetFromJsonAsync<JsonElement>("/v1/sleds")).GetProperty("items").EnumerateArray().Select(s => Guid.Parse(s.GetProperty("id").GetString()!)).ToList();
        Assert.Equal(all.Order().ToList(), ids);
        Assert.True(ids.Count >= 2);
        Assert.All(sizes, size => Assert.Equal(1, size));
    }

    [Fact]
    public async Task Concurrent_creates_of_one_name_have_exactly_one_winner()
    {
        var name = $"race-{Guid.NewGuid():N}";
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            gateway.External.PostAsync("/v1/instances", Json($$"""{"name":"{{name}}","ncpus":1,"memory_mib":256,"start":false}"""))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await Problem.AssertAsync(refused, HttpStatusCode.Conflict, "object_already_exists");
        }

        var listed = (await WalkAsync("/v1/instances", 1000)).Ids;
        var views = await Task.WhenAll(listed.Select(id => gateway.External.GetFromJsonAsync<JsonElement>($"/v1/instances/{id}")));
        Assert.Single(views, v => v.GetProperty("name").GetString() == name);
    }
}
