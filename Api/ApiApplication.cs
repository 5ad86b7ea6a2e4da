using ControlPlane.Api.Health;
using ControlPlane.Grains.Hosting;
using ControlPlane.Runtime.Hosting;
using Serilog;

namespace ControlPlane.Api;

/// <summary>
/// Builds the HTTP gateway: two Kestrel listeners (external, default 127.0.0.1:8080; internal, default
/// 127.0.0.1:8081) in front of an embedded silo, the control plane's one-command default.
/// </summary>
public static class ApiApplication
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.Configuration.GetSection("Api").Get<ApiOptions>() ?? new ApiOptions();
        builder.Services.AddSingleton(options);
        builder.WebHost.UseUrls(options.ExternalUrl, options.InternalUrl);
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(
            new LoggerConfiguration()
                .ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
                .CreateLogger(),
            dispose: true);
        builder.Services.AddProblemDetails();
        builder.UseControlPlaneSilo(silo =>
        {
            silo.Configure<SiloOptions>(o => builder.Configuration.GetSection("Silo").Bind(o));
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddControlPlaneGrains();
        });

        var app = builder.Build();
        app.UseStatusCodePages();
        app.MapHealthEndpoints();
        return app;
    }
}

/// <summary>Where the gateway listens.</summary>
public sealed class ApiOptions
{
    /// <summary>The external (user-facing) API listener.</summary>
    public string ExternalUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The internal API listener, used by sled agents.</summary>
    public string InternalUrl { get; set; } = "http://127.0.0.1:8081";
}
