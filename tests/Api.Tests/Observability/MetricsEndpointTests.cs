using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ControlPlane.Api.Tests.Support;
using ControlPlane.TestSupport;
using Xunit;

namespace ControlPlane.Api.Tests.Observability;

/// <summary>/metrics (OpenTelemetry's Prometheus exporter) and /dashboard (the Orleans Dashboard): internal listener only.</summary>
[Collection(ObservabilityCollection.Name)]
public sealed class MetricsEndpointTests(GatewayHost gateway) : IClassFixture<GatewayHost>
{
    private const string DoorbellRoute = "/v1/vmms/{vmm_id}/doorbell";

    [Fact]
    public async Task A_scrape_after_a_doorbell_has_orleans_http_server_and_vmm_metrics_with_values()
    {
        using var create = new StringContent("""{"name":"metrics-1","ncpus":2,"memory_mib":1024}""", Encoding.UTF8, "application/json");
        var created = await (await gateway.External.PostAsync("/v1/instances", create)).Content.ReadFromJsonAsync<JsonElement>();
        var path = $"/v1/instances/{created.GetProperty("id").GetString()}";
        var running = await Poll.UntilAsync(gateway.External, path, i => i.GetProperty("run_state").GetString() == "running", "running");
        var vmm = running.GetProperty("active_vmm_id").GetString();
        var before = PrometheusScrape.Parse(await gateway.Internal.GetStringAsync("/metrics"));

        Assert.Equal(HttpStatusCode.NoContent, (await gateway.Internal.PostAsync($"/v1/vmms/{vmm}/doorbell", null)).StatusCode);

        // The pull runs after the doorbell returns, and ASP.NET Core records a request once it has completed: poll the scrape.
        IReadOnlyList<PrometheusSample> after = [];
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (true)
            {
                var response = await gateway.Internal.GetAsync("/metrics", deadline.Token);
                Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
                after = PrometheusScrape.Parse(await response.Content.ReadAsStringAsync(deadline.Token));
                if (Pulls(after) > Pulls(before) && after.Any(s => s.Name == "http_server_request_duration_seconds_count" && s.Labels.GetValueOrDefault("http_route") == DoorbellRoute))
                {
                    break;
                }

                try
                {
                    await Task.Delay(50, deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"The scrape never counted the doorbell's pull and request. Pulls before {Pulls(before)}, after {Pulls(after)}; requests: {string.Join(" ", after.Where(s => s.Name == "http_server_request_duration_seconds_count").Select(s => s.Labels.GetValueOrDefault("http_route")))}");
                }
            }
        }

        // The project's meter: the doorbell was received and answered by a pull; the VMM is counted as running.
        Assert.True(Received(after) >= Received(before) + 1); // the meter is process-wide: other gateways in this test process ring too
        Assert.True(after.Value("controlplane_vmm_apply_duration_seconds_count") >= 1);
        Assert.True(after.Value("controlplane_vmms", ("state", "running")) >= 1);
        Assert.True(after.Value("controlplane_instances", ("run_state", "running")) >= 1);
        Assert.Equal(0, after.Value("controlplane_vmms", ("state", "saga_unwound")));

        // ASP.NET Core's http.server.request.duration, by route template: the doorbell request itself.
        Assert.Equal(1, after.Value("http_server_request_duration_seconds_count",
            ("http_route", DoorbellRoute), ("http_request_method", "POST"), ("http_response_status_code", "204")));

        // Orleans' own meter: activations per grain type, and the request path's latency histogram.
        Assert.True(after.Value("orleans_catalog_activations", ("grain_type", "vmm")) >= 1);
        Assert.Contains(after, s => s.Name.StartsWith("orleans_app_requests_latency", StringComparison.Ordinal) && s.Name.EndsWith("_count", StringComparison.Ordinal) && s.Value > 0);

        // The .NET runtime's meter.
        Assert.Contains(after, s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/ClusterStats")]
    public async Task Metrics_and_the_dashboard_answer_on_the_internal_listener_and_404_on_the_external_one(string route)
    {
        var onInternal = await gateway.Internal.GetAsync(route);
        Assert.Equal(HttpStatusCode.OK, onInternal.StatusCode);
        Assert.NotEmpty(await onInternal.Content.ReadAsStringAsync());

        await Problem.AssertAsync(await gateway.External.GetAsync(route), HttpStatusCode.NotFound, "route_not_found");
    }

    [Fact]
    public async Task The_dashboard_does_not_show_grain_state()
    {
        var grainState = await gateway.Internal.GetAsync("/dashboard/GrainState?grainId=instance/00000000000000000000000000000000&grainType=x");
        await Problem.AssertAsync(grainState, HttpStatusCode.NotFound, "route_not_found");
    }

    private static double Received(IReadOnlyList<PrometheusSample> samples) =>
        samples.Any(s => s.Name == "controlplane_vmm_doorbells_total" && s.Labels.GetValueOrDefault("side") == "received")
            ? samples.Value("controlplane_vmm_doorbells_total", ("side", "received"))
            : 0;

    private static double Pulls(IReadOnlyList<PrometheusSample> samples) =>
        samples.Where(s => s.Name == "controlplane_vmm_pulls_total").Sum(s => s.Value);
}
