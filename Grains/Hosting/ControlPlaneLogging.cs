using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// The one Serilog setup of both executables (Silo, Api): console, human-readable by default or one JSON object per
/// event with <c>Logging:Format=json</c>; levels from section <c>Serilog</c> over <see cref="OrleansLogLevels"/>, so a
/// healthy cluster's log stays quiet and a dead sled's placement failures are one line each. Nothing here logs
/// request bodies or grain state (specs carry Crucible requests and blobs).
/// </summary>
public static class ControlPlaneLogging
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Replaces the host's logging with Serilog (Serilog.Extensions.Hosting: also registers the diagnostic context request logging uses).</summary>
    public static IHostApplicationBuilder AddControlPlaneLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.ClearProviders();
        var logger = CreateLogger(builder.Configuration);
        builder.Services.AddSerilog(logger, dispose: true);
        builder.Services.AddSingleton(logger); // for Serilog's own middleware (request logging), which would otherwise write to the static Log.Logger
        return builder;
    }

    /// <summary>The console logger both executables use.</summary>
    public static Serilog.ILogger CreateLogger(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var logger = Configure(new LoggerConfiguration(), configuration);
        return string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase)
            ? logger.WriteTo.Console(new JsonFormatter(renderMessage: true)).CreateLogger()
            : logger.WriteTo.Console(outputTemplate: TextTemplate).CreateLogger();
    }

    /// <summary>Levels (Orleans' defaults, then configuration), enrichment and the suppressed events; sinks are the caller's.</summary>
    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var (category, level) in OrleansLogLevels.Defaults)
        {
            logger.MinimumLevel.Override(category, (LogEventLevel)(int)level);
        }

        return logger.ReadFrom.Configuration(configuration).Enrich.FromLogContext().Filter.ByExcluding(IsSuppressed);
    }

    /// <summary>Orleans' per-call placement failure (see <see cref="OrleansLogLevels.IsSuppressed"/>).</summary>
    public static bool IsSuppressed(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var category = logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: string c } ? c : null;
        var eventName = logEvent.Properties.TryGetValue("EventId", out var id) && id is StructureValue structure
            && structure.Properties.FirstOrDefault(p => p.Name == "Name")?.Value is ScalarValue { Value: string n } ? n : null;
        return OrleansLogLevels.IsSuppressed(category, eventName);
    }
}
