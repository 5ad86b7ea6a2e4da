using Microsoft.Extensions.Logging;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// Default levels for the engine's log categories, shared by the Silo and the Api: a healthy cluster's log stays
/// quiet, and a dead sled's placement failures (Orleans logs each as an error with a stack trace) are left to the
/// control plane, which logs one line per failed VMM check instead. Configuration (<c>Serilog:MinimumLevel:Override</c>)
/// still wins over these.
/// </summary>
public static class OrleansLogLevels
{
    /// <summary>The category Orleans logs failed placements under.</summary>
    public const string PlacementCategory = "Orleans.Runtime.Placement";

    /// <summary>Category prefix to minimum level.</summary>
    public static IReadOnlyDictionary<string, LogLevel> Defaults { get; } = new Dictionary<string, LogLevel>(StringComparer.Ordinal)
    {
        ["Orleans"] = LogLevel.Warning,
        ["Polly"] = LogLevel.Warning,
        [PlacementCategory] = LogLevel.Critical,
    };
}
