using System.Diagnostics;
using System.Text.Json;

namespace ControlPlane.Benchmarks.Scale;

/// <summary>
/// Times <c>GET /v1/instances?limit=100</c> at external API version 2: the first page read again and again while the
/// instances are active, and a walk through consecutive pages after idle collection, where each page activates the
/// instances it lists (a cold read from storage).
/// </summary>
public static class ListPages
{
    private const string FirstPage = "/v1/instances?limit=100";

    /// <summary>The first page, 200 times (20 when the server ignores <c>limit</c> and sends the whole list).</summary>
    public static async Task<(double P50, double P99, bool Paginated, long Bytes)> TimeFirstPageAsync(HttpClient http, Uri external)
    {
        ArgumentNullException.ThrowIfNull(http);
        var uri = new Uri(external, FirstPage);
        using var first = await http.SendAsync(Request(uri));
        var body = await first.Content.ReadAsByteArrayAsync();
        using var json = JsonDocument.Parse(body);
        // Called with more than 100 instances: a body of at most 100 items is a page; more means the server ignored limit.
        var paginated = first.IsSuccessStatusCode && json.RootElement.ValueKind == JsonValueKind.Object
            && json.RootElement.TryGetProperty("items", out var items) && items.GetArrayLength() <= 100;
        var times = new double[paginated ? 200 : 20];
        for (var i = 0; i < times.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(Request(uri), HttpCompletionOption.ResponseHeadersRead);
            await response.Content.CopyToAsync(Stream.Null);
            times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }

        Array.Sort(times);
        return (NearestRank.Percentile(times, 0.50), NearestRank.Percentile(times, 0.99), paginated, body.LongLength);
    }

    /// <summary>Follows <c>next_page</c> from the first page for at most <paramref name="maxPages"/> pages, timing each.</summary>
    public static async Task<(double P50, double P99, int Pages)> WalkAsync(HttpClient http, Uri external, int maxPages)
    {
        ArgumentNullException.ThrowIfNull(http);
        var times = new List<double>();
        string? token = null;
        do
        {
            var uri = new Uri(external, FirstPage + (token is null ? "" : "&page_token=" + Uri.EscapeDataString(token)));
            var t0 = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(Request(uri));
            var body = await response.Content.ReadAsByteArrayAsync();
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(body);
            token = json.RootElement.TryGetProperty("next_page", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null && times.Count < maxPages);

        var sorted = times.Order().ToArray();
        return (NearestRank.Percentile(sorted, 0.50), NearestRank.Percentile(sorted, 0.99), sorted.Length);
    }

    private static HttpRequestMessage Request(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add("api-version", "2"); // paginated lists are external version 2; without it, version 1's whole list
        return request;
    }
}
