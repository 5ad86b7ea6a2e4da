using ControlPlane.Grains.Hosting;
using ControlPlane.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

// The silo executable: one silo on the embedded default (in-memory storage), structured console logs,
// graceful shutdown on SIGTERM / Ctrl-C (the generic host's lifetime). Clustering over TCP and the
// PostgreSQL backend are configured here once the runtime's cluster layer exists.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSerilog(
    new LoggerConfiguration()
        .ReadFrom.Configuration(builder.Configuration)
        .Enrich.FromLogContext()
        .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
        .CreateLogger(),
    dispose: true);
builder.UseControlPlaneSilo(silo =>
{
    silo.Configure<SiloOptions>(o => builder.Configuration.GetSection("Silo").Bind(o));
    silo.AddMemoryGrainStorageAsDefault();
    silo.AddControlPlaneGrains();
});

await builder.Build().RunAsync();
