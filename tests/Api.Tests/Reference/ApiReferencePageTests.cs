using System.Net;
using System.Text.RegularExpressions;
using ControlPlane.Api.Tests.Support;
using ControlPlane.TestSupport;
using Microsoft.Playwright;
using Xunit;

namespace ControlPlane.Api.Tests.Reference;

/// <summary>The API reference page (Scalar) at /docs: each listener shows its own published documents.</summary>
public sealed partial class ApiReferencePageTests(GatewayHost gateway) : IClassFixture<GatewayHost>
{
    [Fact]
    public async Task Each_listener_lists_exactly_its_own_documents()
    {
        Assert.Equal(["openapi/external-v2.json", "openapi/external-v1.json"], await SourcesAsync(gateway.External));
        Assert.Equal(["openapi/internal-v2.json", "openapi/internal-v1.json"], await SourcesAsync(gateway.Internal));

        // Each listed document is served on that listener (and the page's script with it: nothing comes from a CDN).
        Assert.Equal(HttpStatusCode.OK, (await gateway.External.GetAsync("/openapi/external-v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Internal.GetAsync("/openapi/internal-v2.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.External.GetAsync("/docs/scalar.js")).StatusCode);
    }

    [ChromiumFact]
    public async Task A_browser_opening_the_external_reference_finds_the_external_routes_and_not_the_internal_ones()
    {
        var text = await RenderedTextAsync(new Uri(gateway.External.BaseAddress!, "/docs/"), "/v1/instance-specs/validate");
        Assert.Contains("/v1/instances", text, StringComparison.Ordinal);
        Assert.Contains("/v1/sleds", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/doorbell", text, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task A_browser_opening_the_internal_reference_finds_the_sled_agent_routes()
    {
        var text = await RenderedTextAsync(new Uri(gateway.Internal.BaseAddress!, "/docs/"), "/v1/vmms/{vmm_id}/doorbell");
        Assert.Contains("/v1/sled-agent/vmms/{vmm_id}/state", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/v1/instance-specs/validate", text, StringComparison.Ordinal);
    }

    /// <summary>Opens <paramref name="page"/> in Debian's chromium and returns the page's text once <paramref name="expected"/> is on it.</summary>
    private static async Task<string> RenderedTextAsync(Uri page, string expected)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var tab = await browser.NewPageAsync();
        var console = new List<string>();
        tab.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        tab.RequestFailed += (_, request) => console.Add($"request failed: {request.Url} {request.Failure}");
        await tab.GotoAsync(page.ToString());
        try
        {
            await tab.GetByText(expected, new PageGetByTextOptions { Exact = false }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        }
        catch (TimeoutException ex)
        {
            await tab.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "controlplane-docs.png") });
            throw new TimeoutException($"{page} never showed '{expected}'. Page text: {await tab.InnerTextAsync("body")}\nBrowser console: {string.Join("\n", console)}", ex);
        }

        return await tab.InnerTextAsync("body");
    }

    private static async Task<string[]> SourcesAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/docs/");
        return [.. SourceUrl().Matches(html).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("\"url\":\"([^\"]+)\"")]
    private static partial Regex SourceUrl();
}
