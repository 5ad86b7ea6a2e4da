using System.Diagnostics.Metrics;
using System.Text;
using ControlPlane.Api.Metrics;
using ControlPlane.Api.Tests.Support;
using Xunit;

namespace ControlPlane.Api.Tests.Metrics;

/// <summary>/metrics: System.Diagnostics.Metrics instruments rendered in the Prometheus text format.</summary>
public sealed class PrometheusExportTests(GatewayHost gateway) : IClassFixture<GatewayHost>
{
    [Fact]
    public async Task Metrics_are_served_on_both_listeners_in_the_prometheus_text_format()
    {
        using var content = new StringContent(Support.Specs.Valid(), Encoding.UTF8, "application/json");
        (await gateway.External.PostAsync("/v1/instance-specs/validate", content)).EnsureSuccessStatusCode();

        foreach (var client in new[] { gateway.External, gateway.Internal })
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            // Orleans' own meter: the validation call activated a stateless worker and went through the request path.
            Assert.Contains("orleans_catalog_activations{grain_type=\"specvalidation\"}", text, StringComparison.Ordinal);
            Assert.Contains("# TYPE orleans_app_requests_latency_milliseconds histogram", text, StringComparison.Ordinal);
            Assert.Contains("# TYPE orleans_storage_write_latency_milliseconds histogram", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Counters_histograms_and_gauges_render_as_prometheus_families()
    {
        using var meter = new Meter("ControlPlane.Tests." + Guid.NewGuid().ToString("N"));
        using var collector = new PrometheusMetricsCollector([meter.Name]);
        var counter = meter.CreateCounter<long>("test.requests", "{request}", "Requests \"served\"\nby path.");
        var histogram = meter.CreateHistogram("test.latency", "s", "Latency.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        var upDown = meter.CreateUpDownCounter<int>("test.open");
        meter.CreateObservableGauge("test.temperature", () => 21.5);

        counter.Add(2, new KeyValuePair<string, object?>("path", "/a\"b"));
        counter.Add(3, new KeyValuePair<string, object?>("path", "/a\"b"));
        histogram.Record(0.05);
        histogram.Record(0.5);
        histogram.Record(7);
        upDown.Add(5);
        upDown.Add(-2);

        var text = collector.Scrape();

        Assert.Contains("# HELP test_requests_total Requests \"served\"\\nby path.\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE test_requests_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("test_requests_total{path=\"/a\\\"b\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE test_latency_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("test_latency_seconds_bucket{le=\"0.1\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("test_latency_seconds_bucket{le=\"1\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("test_latency_seconds_bucket{le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("test_latency_seconds_sum 7.55\n", text, StringComparison.Ordinal);
        Assert.Contains("test_latency_seconds_count 3\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE test_open gauge\ntest_open 3\n", text, StringComparison.Ordinal);
        Assert.Contains("test_temperature 21.5\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("controlplane.vmm.apply.duration", "s", "controlplane_vmm_apply_duration_seconds")]
    [InlineData("http.server.request.duration", "s", "http_server_request_duration_seconds")]
    [InlineData("controlplane.vmm.doorbells", "{doorbell}", "controlplane_vmm_doorbells")]
    [InlineData("9lives", null, "_9lives")]
    [InlineData("size", "By", "size_bytes")]
    public void Instrument_names_become_prometheus_names(string instrument, string? unit, string expected) =>
        Assert.Equal(expected, PrometheusText.MetricName(instrument, unit));
}
