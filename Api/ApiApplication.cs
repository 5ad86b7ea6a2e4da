using ControlPlane.Api.Health;
using ControlPlane.Api.Instances;
using ControlPlane.Api.Sleds;
using ControlPlane.Api.Vmms;
using ControlPlane.Api.Json;
using ControlPlane.Api.Listeners;
using ControlPlane.Api.Metrics;
using ControlPlane.Api.OpenApi;
using ControlPlane.Api.Problems;
using ControlPlane.Api.Specs;
using ControlPlane.Api.Versioning;
using ControlPlane.Grains.Hosting;
using Serilog;

namespace ControlPlane.Api;

/// <summary>
/// Builds the HTTP gateway: two Kestrel listeners (external, default 127.0.0.1:8080; internal, default
/// 127.0.0.1:8081). In client mode (<c>Client:Enabled</c> or <c>Client:Gateways</c>) it is an Orleans cluster client;
/// otherwise it co-hosts a silo (in-memory, or PostgreSQL with <c>ConnectionStrings:ControlPlane</c>), the
/// one-command default.
/// </summary>
public static class ApiApplication
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.Configuration.GetSection("Api").Get<ApiOptions>() ?? new ApiOptions();
        var listeners = new ListenerBindings();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(listeners);
        builder.WebHost.UseUrls();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            listeners.Configure(kestrel, options);
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(ApiLogging.CreateLogger(builder.Configuration), dispose: true);

        builder.Services.Configure<HostOptions>(builder.Configuration.GetSection("HostOptions"));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDocumentDefaults.Apply);
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton(_ => new PrometheusMetricsCollector());
        builder.Services.AddApiDocuments();
        var clientMode = ControlPlaneClientConfiguration.IsClientMode(builder.Configuration);
        if (clientMode)
        {
            builder.UseOrleansClient(client => client.UseControlPlaneClientConfiguration(builder.Configuration));
        }
        else
        {
            builder.UseOrleans(silo => silo.UseControlPlaneConfiguration(builder.Configuration));
        }

        var app = builder.Build();
        var lifetimeLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ControlPlane.Api");
        app.Lifetime.ApplicationStarted.Register(() => lifetimeLog.LogInformation("Gateway started ({Mode})", clientMode ? "cluster client" : "co-hosted silo"));
        app.Lifetime.ApplicationStopped.Register(() => lifetimeLog.LogInformation("Gateway stopped"));
        app.Services.GetRequiredService<PrometheusMetricsCollector>();
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<ProblemExceptionMiddleware>();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseMiddleware<ListenerGuardMiddleware>();
        app.UseMiddleware<InternalApiVersionMiddleware>();

        app.MapHealthEndpoints();
        app.MapMetricsEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json");

        var external = app.MapGroup("").OnListener(ApiListener.External);
        external.MapInstanceEndpoints();
        external.MapSpecEndpoints();
        external.MapSledEndpoints();

        var @internal = app.MapGroup("").OnListener(ApiListener.Internal);
        @internal.MapVmmEndpoints();
        return app;
    }
}
