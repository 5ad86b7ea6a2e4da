using ControlPlane.Grains.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// The one OpenTelemetry setup of both executables: metrics from Orleans' <c>Microsoft.Orleans</c> meter, the .NET
/// runtime, Npgsql and the control plane's own meter; traces from Orleans' grain-call spans (activity propagation is
/// on in <see cref="ControlPlaneSiloConfiguration"/> and <see cref="ControlPlaneClientConfiguration"/>) and the
/// control plane's ring/pull spans. Both go to OTLP only when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set (environment or configuration); the gateway adds ASP.NET Core and its Prometheus endpoint through the hooks.
/// </summary>
public static class ControlPlaneTelemetry
{
    /// <summary>Orleans' meter (messaging, catalog, directory, membership, storage).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Npgsql's meter (connection pool, command durations).</summary>
    public const string NpgsqlMeter = "Npgsql";

    /// <summary>The standard OpenTelemetry variable that turns OTLP export on.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static OpenTelemetryBuilder AddControlPlaneTelemetry(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<MeterProviderBuilder>? metrics = null,
        Action<TracerProviderBuilder>? tracing = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var otlp = IsOtlpConfigured(builder.Configuration);
        return builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(meters =>
            {
                _ = ControlPlaneMetrics.Meter; // create the meter now, so its per-state gauges report (zeros) before the first grain touches it
                meters.AddMeter(OrleansMeter, ControlPlaneMetrics.MeterName).AddNpgsqlInstrumentation().AddRuntimeInstrumentation();
                metrics?.Invoke(meters);
                if (otlp)
                {
                    meters.AddOtlpExporter();
                }
            })
            .WithTracing(traces =>
            {
                traces.SetSampler(new CallerDecidesSampler()).AddSource(ActivitySources.ApplicationGrainActivitySourceName, ControlPlaneActivities.SourceName);
                tracing?.Invoke(traces);
                if (otlp)
                {
                    traces.AddOtlpExporter();
                }
            });
    }

    /// <summary>True when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names an endpoint.</summary>
    public static bool IsOtlpConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
    }
}
