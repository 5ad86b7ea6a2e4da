using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ControlPlane.Api.Tests.Support;
using ControlPlane.TestSupport;
using Xunit;

namespace ControlPlane.Api.Tests.Observability;

/// <summary>OTLP export when the standard OTEL_EXPORTER_OTLP_ENDPOINT is set: a real HTTP receiver gets the gateway's spans and metrics.</summary>
[Collection(ObservabilityCollection.Name)]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task With_an_otlp_endpoint_configured_spans_and_metrics_are_posted_to_it()
    {
        // A plain HttpListener, not ASP.NET Core: the gateway's tracer would trace an in-process ASP.NET Core receiver too.
        var endpoint = $"http://127.0.0.1:{FreePort.Next()}/";
        using var receiver = new HttpListener();
        receiver.Prefixes.Add(endpoint);
        receiver.Start();
        var received = new ConcurrentQueue<(string Path, string Body)>();
        using var stop = new CancellationTokenSource();
        var receiving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var context = await receiver.GetContextAsync().WaitAsync(stop.Token);
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body, stop.Token);
                received.Enqueue((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        await using (var scope = await GatewayHostScope.StartAsync(
            null,
            $"--OTEL_EXPORTER_OTLP_ENDPOINT={endpoint.TrimEnd('/')}",
            "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
            "--OTEL_BSP_SCHEDULE_DELAY=100",
            "--OTEL_METRIC_EXPORT_INTERVAL=200"))
        {
            (await scope.Host.External.GetAsync("/v1/sleds")).EnsureSuccessStatusCode();

            // OTLP/protobuf carries strings as UTF-8: the service name, the route and the project's meter are readable in the payloads.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (!(Has(received, "/v1/traces", "controlplane-api") && Has(received, "/v1/traces", "/v1/sleds") && Has(received, "/v1/metrics", "ControlPlane.Grains")))
            {
                try
                {
                    await Task.Delay(50, deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"The receiver at {endpoint} never got both signals; got {string.Join(", ", received.Select(r => $"{r.Path} ({r.Body.Length} B)"))}");
                }
            }
        }

        await stop.CancelAsync();
        try
        {
            await receiving;
        }
        catch (OperationCanceledException)
        {
            // the receive loop was waiting for the next request
        }
    }

    private static bool Has(ConcurrentQueue<(string Path, string Body)> received, string path, string text) =>
        received.Any(r => r.Path == path && r.Body.Contains(text, StringComparison.Ordinal));
}
