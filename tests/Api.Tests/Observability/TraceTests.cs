using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ControlPlane.Api.Tests.Support;
using ControlPlane.Grains.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Orleans;
using ControlPlane.Grains.Abstractions.Vmms;
using Xunit;

namespace ControlPlane.Api.Tests.Observability;

/// <summary>
/// Traces through an in-memory exporter on the gateway's tracer provider: Orleans' activity propagation carries the HTTP
/// request's trace through every grain call, and a doorbell's pull is linked to the sled change that rang it.
/// </summary>
[Collection(ObservabilityCollection.Name)]
public sealed class TraceTests : IAsyncLifetime
{
    private readonly CollectedSpans _spans = new();
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() =>
        _gateway = await GatewayHost.StartWithServicesAsync(builder =>
            builder.Services.ConfigureOpenTelemetryTracerProvider(traces => traces.AddProcessor(new SimpleActivityExportProcessor(_spans))));

    public Task DisposeAsync() => _gateway.DisposeAsync();

    [Fact]
    public async Task Creating_an_instance_is_one_trace_from_the_http_request_through_the_instance_vmm_and_sled_vmm_grains()
    {
        var id = await CreateAsync("trace-1");

        var http = await _spans.UntilAsync(s => s.FirstOrDefault(a => IsHttpServer(a, "POST", "/v1/instances")), "the HTTP server span of POST /v1/instances");
        Assert.Null(http.ParentId); // the request started the trace
        var instance = await ServerSpan("IInstanceGrain", "Create", http.TraceId);
        var vmm = await ServerSpan("IVmmGrain", "Initialize", http.TraceId);
        var sled = await ServerSpan("ISledVmmGrain", "Register", http.TraceId);

        var spans = _spans.All;
        Assert.Equal(http.SpanId, AncestorMatching(instance, spans, a => a.Kind == ActivityKind.Server && a.Source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))?.SpanId);
        Assert.Equal(instance.SpanId, AncestorMatching(vmm, spans, a => a.Kind == ActivityKind.Server)?.SpanId);
        Assert.Equal(instance.SpanId, AncestorMatching(sled, spans, a => a.Kind == ActivityKind.Server)?.SpanId);
        Assert.Equal(id.ToString("N"), KeyOf(instance));
    }

    [Fact]
    public async Task Stopping_runs_http_to_instance_to_sled_vmm_to_the_doorbell_and_the_pull_is_linked_to_that_sled_change()
    {
        var id = await CreateAsync("trace-2");
        await Poll.UntilAsync(_gateway.External, $"/v1/instances/{id}", i => i.GetProperty("run_state").GetString() == "running", "running");

        (await _gateway.External.PostAsync($"/v1/instances/{id}/stop", null)).EnsureSuccessStatusCode();

        var http = await _spans.UntilAsync(s => s.FirstOrDefault(a => IsHttpServer(a, "POST", "/v1/instances/{instance_id}/stop")), "the HTTP server span of the stop");
        var stop = await ServerSpan("IInstanceGrain", "Stop", http.TraceId);
        var putState = await ServerSpan("ISledVmmGrain", "PutState", http.TraceId);
        var ring = await _spans.UntilAsync(s => s.FirstOrDefault(a => a.OperationName == ControlPlaneActivities.RingName && a.TraceId == http.TraceId), "the ring owed by the stop");
        var rung = await ServerSpan("IVmmGrain", "Ring", http.TraceId);

        var spans = _spans.All;
        Assert.Equal(stop.SpanId, AncestorMatching(putState, spans, a => a.Kind == ActivityKind.Server)?.SpanId);
        Assert.Equal(putState.SpanId, ring.ParentSpanId); // the ring is a child of the sled change that owed it
        Assert.Equal(ring.SpanId, AncestorMatching(rung, spans, a => a.OperationName == ControlPlaneActivities.RingName)?.SpanId);

        // The pull answering that doorbell starts its own trace, linked to the ring it answers, and reads the sled.
        var pull = await _spans.UntilAsync(
            s => s.FirstOrDefault(a => a.OperationName == ControlPlaneActivities.PullName && a.Links.Any(l => l.Context.SpanId == rung.SpanId)),
            "a pull linked to the stop's doorbell");
        Assert.NotEqual(http.TraceId, pull.TraceId);
        Assert.Equal(http.TraceId, pull.Links.Single(l => l.Context.SpanId == rung.SpanId).Context.TraceId);
        var read = await ServerSpan("ISledVmmGrain", "GetStateV2", pull.TraceId);
        Assert.Equal(pull.SpanId, AncestorMatching(read, _spans.All, a => a.OperationName == ControlPlaneActivities.PullName)?.SpanId);
    }

    [Fact]
    public async Task A_watcher_pass_is_one_trace_with_each_vmm_check_and_its_sled_read_under_it()
    {
        var id = await CreateAsync("trace-3");
        var running = await Poll.UntilAsync(_gateway.External, $"/v1/instances/{id}", i => i.GetProperty("run_state").GetString() == "running", "running");
        var vmmId = running.GetProperty("active_vmm_id").GetString()!;

        await _gateway.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IInstanceWatcherShardsGrain>(0).RunPasses();

        var check = await _spans.UntilAsync(
            s => s.FirstOrDefault(a => a.Kind == ActivityKind.Server && RpcMethodIs(a, "IVmmGrain", "Check") && KeyOf(a) == Guid.Parse(vmmId).ToString("N")),
            "the watcher's check of the VMM");
        var pass = AncestorMatching(check, _spans.All, a => a.OperationName == ControlPlaneActivities.WatcherPassName);
        Assert.NotNull(pass);
        Assert.Equal(default, pass.ParentSpanId); // a pass starts its own trace
        var read = await ServerSpan("ISledVmmGrain", "GetStateV2", check.TraceId);
        Assert.Equal(check.SpanId, AncestorMatching(read, _spans.All, a => a.Kind == ActivityKind.Server)?.SpanId);
    }

    [Fact]
    public async Task Probes_and_scrapes_are_not_traced_nor_are_the_grain_calls_they_make()
    {
        (await _gateway.External.GetAsync("/readyz")).EnsureSuccessStatusCode();
        (await _gateway.Internal.GetAsync("/metrics")).EnsureSuccessStatusCode();
        (await _gateway.External.GetAsync("/v1/sleds")).EnsureSuccessStatusCode();

        // Spans are exported as they end: once the later request's span is out, the probe's would be too.
        await _spans.UntilAsync(s => s.FirstOrDefault(a => IsHttpServer(a, "GET", "/v1/sleds")), "the span of GET /v1/sleds");
        Assert.DoesNotContain(_spans.All, a => a.GetTagItem("http.route") is "/readyz" or "/metrics");
        Assert.DoesNotContain(_spans.All, a => RpcMethodIs(a, "ISpecValidationGrain", "ValidateJson")); // the readiness probe's call
    }

    private async Task<Guid> CreateAsync(string name)
    {
        using var body = new StringContent($$"""{"name":"{{name}}","ncpus":2,"memory_mib":1024}""", Encoding.UTF8, "application/json");
        var response = await _gateway.External.PostAsync("/v1/instances", body);
        response.EnsureSuccessStatusCode();
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }

    private Task<Activity> ServerSpan(string grainInterface, string method, ActivityTraceId trace) =>
        _spans.UntilAsync(
            s => s.FirstOrDefault(a => a.Kind == ActivityKind.Server && a.TraceId == trace && RpcMethodIs(a, grainInterface, method)),
            $"the server span of {grainInterface}.{method} in trace {trace}");

    private static bool RpcMethodIs(Activity span, string grainInterface, string method) =>
        span.GetTagItem("rpc.method") is string rpc && (rpc == $"{grainInterface}/{method}" || rpc.EndsWith($".{grainInterface}/{method}", StringComparison.Ordinal));

    private static bool IsHttpServer(Activity span, string method, string route) =>
        span.Kind == ActivityKind.Server && span.Source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
        && span.GetTagItem("http.request.method") as string == method
        && (span.GetTagItem("http.route") as string)?.TrimEnd('/') == route;

    /// <summary>The nearest exported ancestor of <paramref name="span"/> (following parent span ids) that satisfies <paramref name="match"/>.</summary>
    private static Activity? AncestorMatching(Activity span, IReadOnlyList<Activity> all, Func<Activity, bool> match)
    {
        var byId = all.Where(a => a.TraceId == span.TraceId).GroupBy(a => a.SpanId).ToDictionary(g => g.Key, g => g.First());
        var current = span;
        while (current.ParentSpanId != default && byId.TryGetValue(current.ParentSpanId, out var parent))
        {
            if (match(parent))
            {
                return parent;
            }

            current = parent;
        }

        return null;
    }

    private static string? KeyOf(Activity span) =>
        span.GetTagItem("orleans.rpc.target_id") is string target ? target[(target.IndexOf('/', StringComparison.Ordinal) + 1)..] : null;
}
