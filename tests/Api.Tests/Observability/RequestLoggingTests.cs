using System.Diagnostics;
using System.Net;
using ControlPlane.Api.Observability;
using ControlPlane.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Xunit;

namespace ControlPlane.Api.Tests.Observability;

/// <summary>One Serilog event per request: route template (not the path), status, elapsed, and the request id = the trace id.</summary>
[Collection(ObservabilityCollection.Name)]
public sealed class RequestLoggingTests : IAsyncLifetime
{
    private readonly CollectedSpans _spans = new();
    private readonly CollectingSink _log = new();
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() =>
        _gateway = await GatewayHost.StartWithServicesAsync(builder =>
        {
            builder.Services.ConfigureOpenTelemetryTracerProvider(traces => traces.AddProcessor(new SimpleActivityExportProcessor(_spans)));
            builder.Services.AddSingleton<Serilog.ILogger>(new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(_log).CreateLogger());
        });

    public Task DisposeAsync() => _gateway.DisposeAsync();

    [Fact]
    public async Task A_request_is_logged_with_route_template_status_elapsed_and_the_request_id_the_header_the_problem_and_the_trace_share()
    {
        var id = Guid.NewGuid();
        var response = await _gateway.External.GetAsync($"/v1/instances/{id}");
        var problem = await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not_found");

        var http = await _spans.UntilAsync(s => s.FirstOrDefault(a => a.Kind == ActivityKind.Server && a.GetTagItem("http.route") as string == "/v1/instances/{instance_id}"), "the HTTP span");
        var logged = await _spans.UntilAsync(_ => _log.Events.FirstOrDefault(e => Scalar(e, "RouteTemplate") as string == "/v1/instances/{instance_id}"), "the request's log event");

        Assert.Equal(RequestLogging.MessageTemplate, logged.MessageTemplate.Text);
        Assert.Equal(LogEventLevel.Information, logged.Level);
        Assert.Equal("GET", Scalar(logged, "RequestMethod"));
        Assert.Equal(404, Scalar(logged, "StatusCode"));
        Assert.IsType<double>(Scalar(logged, "Elapsed"));
        // One id everywhere: the exported span's trace id is the x-request-id header, the problem's request_id and the log's RequestId.
        Assert.Equal(http.TraceId.ToHexString(), Assert.Single(response.Headers.GetValues("x-request-id")));
        Assert.Equal(http.TraceId.ToHexString(), problem.GetProperty("request_id").GetString());
        Assert.Equal(http.TraceId.ToHexString(), Scalar(logged, "RequestId"));
        Assert.Equal("external", Scalar(logged, "Listener"));
        Assert.DoesNotContain(id.ToString(), logged.RenderMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrapes_log_at_debug_so_a_healthy_gateway_stays_quiet()
    {
        (await _gateway.Internal.GetAsync("/metrics")).EnsureSuccessStatusCode();

        var logged = await _spans.UntilAsync(_ => _log.Events.FirstOrDefault(e => Scalar(e, "RouteTemplate") as string == "/metrics"), "the scrape's log event");
        Assert.Equal(LogEventLevel.Debug, logged.Level);
    }

    private static object? Scalar(LogEvent e, string name) => e.Properties.TryGetValue(name, out var value) && value is ScalarValue scalar ? scalar.Value : null;

    private sealed class CollectingSink : ILogEventSink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyList<LogEvent> Events => [.. _events];

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
    }
}
