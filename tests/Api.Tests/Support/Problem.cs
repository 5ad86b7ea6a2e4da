using System.Net;
using System.Text.Json;
using Xunit;

namespace ControlPlane.Api.Tests.Support;

/// <summary>Asserts that a response is an RFC 9457 problem document with a given status and <c>error_code</c>.</summary>
public static class Problem
{
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonDocument.Parse(body).RootElement;
        Assert.Equal(errorCode, document.GetProperty("error_code").GetString());
        Assert.Equal((int)status, document.GetProperty("status").GetInt32());
        Assert.Equal($"urn:controlplane:problem:{errorCode}", document.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(document.GetProperty("title").GetString()));
        return document;
    }

    /// <summary>Any 4xx problem document with some error_code (for inputs where several codes would be right).</summary>
    public static async Task<JsonElement> AssertClientErrorAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"expected a 4xx, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonDocument.Parse(body).RootElement;
        Assert.False(string.IsNullOrEmpty(document.GetProperty("error_code").GetString()));
        return document;
    }
}
