using ControlPlane.Grains.Hosting;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

// The silo executable. Configuration: appsettings.json, then environment variables (Silo__SiloName=...,
// ConnectionStrings__ControlPlane=...), then the command line (--Silo:SiloName=...). With a connection string the
// silo keeps membership, directory and grain state in PostgreSQL; without one it runs the in-memory embedded
// default. SIGTERM / Ctrl-C stop it gracefully (the generic host's lifetime; HostOptions:ShutdownTimeout).
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSerilog(SiloLogging.CreateLogger(builder.Configuration), dispose: true);
builder.Services.Configure<HostOptions>(builder.Configuration.GetSection("HostOptions"));
builder.UseControlPlaneSilo(silo => silo.UseControlPlaneConfiguration(builder.Configuration));

var host = builder.Build();
host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ControlPlane.Silo")
    .LogInformation("Backend: {Backend}", ControlPlaneSiloConfiguration.UsesPostgres(builder.Configuration) ? "PostgreSQL" : "in-memory (embedded)");
await host.RunAsync();
