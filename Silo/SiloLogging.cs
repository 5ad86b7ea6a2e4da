using Microsoft.Extensions.Configuration;
using ControlPlane.Grains.Hosting;
using Serilog;
using Serilog.Formatting.Json;

namespace ControlPlane.Silo;

/// <summary>
/// Serilog for the silo: console, human-readable by default or one JSON object per event with
/// <c>Logging:Format=json</c>; levels from section <c>Serilog</c>. Request bodies and secrets are never logged.
/// </summary>
public static class SiloLogging
{
    public static Serilog.ILogger CreateLogger(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var logger = new LoggerConfiguration();
        foreach (var (category, level) in OrleansLogLevels.Defaults)
        {
            logger.MinimumLevel.Override(category, (Serilog.Events.LogEventLevel)(int)level);
        }

        logger = logger.ReadFrom.Configuration(configuration).Enrich.FromLogContext().Filter.ByExcluding(SuppressedOrleansEvent);
        return string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase)
            ? logger.WriteTo.Console(new JsonFormatter(renderMessage: true)).CreateLogger()
            : logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}").CreateLogger();
    }

    private static bool SuppressedOrleansEvent(Serilog.Events.LogEvent logEvent) =>
        OrleansLogLevels.IsSuppressed(
            logEvent.Properties.TryGetValue("SourceContext", out var source) && source is Serilog.Events.ScalarValue { Value: string category } ? category : null,
            logEvent.Properties.TryGetValue("EventId", out var id) && id is Serilog.Events.StructureValue structure
                ? structure.Properties.FirstOrDefault(p => p.Name == "Name")?.Value is Serilog.Events.ScalarValue { Value: string name } ? name : null
                : null);
}
