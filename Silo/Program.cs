using ControlPlane.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The silo executable. Configuration: appsettings.json, then environment variables (Silo__SiloName=...,
// ConnectionStrings__ControlPlane=...), then the command line (--Silo:SiloName=...). With a connection string the
// silo keeps membership, grain state and reminders in PostgreSQL (schema migrated at start); without one it runs the
// in-memory embedded default. SIGTERM / Ctrl-C stop it gracefully (the generic host's lifetime; HostOptions:ShutdownTimeout).
// `ControlPlane.Silo migrate` applies pending schema migrations to ConnectionStrings:ControlPlane and exits.
// A setting the silo cannot run with ends it with exit code 1 and one line naming the setting.
var migrateOnly = args.Length > 0 && args[0] == "migrate";
var builder = Host.CreateApplicationBuilder(migrateOnly ? args[1..] : args);
builder.AddControlPlaneLogging();
if (ControlPlaneTelemetry.IsOtlpConfigured(builder.Configuration))
{
    builder.AddControlPlaneTelemetry("controlplane-silo"); // the silo has no HTTP listener: OTLP is its only way out
}
builder.Services.Configure<HostOptions>(builder.Configuration.GetSection("HostOptions"));

IHost host;
ClusterSettings settings;
try
{
    settings = ClusterSettings.Parse(builder.Configuration);
    var schema = await StartupChecks.PrepareDatabaseAsync(settings, CancellationToken.None);
    if (migrateOnly)
    {
        Console.WriteLine(schema is null
            ? "silo: no ConnectionStrings:ControlPlane configured; nothing to migrate."
            : $"silo: schema at version {schema.SchemaVersion}; applied {schema.Applied.Count} migration(s){string.Concat(schema.Applied.Select(m => $"\n  {m.Version:D4} {m.Name}"))}");
        return 0;
    }

    builder.UseOrleans(silo => silo.UseControlPlaneConfiguration(builder.Configuration, settings));
    host = builder.Build();
}
catch (Exception ex) when (ex is StartupRefusedException or InvalidOperationException or FormatException)
{
    await Console.Error.WriteLineAsync($"silo: {ex.Message}");
    return 1;
}

using (host)
{
    var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ControlPlane.Silo");
    log.LogInformation("Backend: {Backend}", settings.UsesPostgres ? "PostgreSQL" : "in-memory (embedded)");
    await host.StartAsync();
    log.LogInformation("Silo {SiloName} started: silo port {SiloPort}, gateway port {GatewayPort}", settings.SiloName, settings.SiloPort, settings.GatewayPort);
    await host.WaitForShutdownAsync();
    log.LogInformation("Silo {SiloName} stopped", settings.SiloName);
}

return 0;
