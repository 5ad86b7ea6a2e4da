using Microsoft.Extensions.Logging;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// Default levels for the engine's log categories, shared by the Silo and the Api: a healthy cluster's log stays
/// quiet, and a dead sled's placement failures (Orleans logs each as an error with a stack trace, event
/// <see cref="PlacementFailedEvent"/> in <see cref="PlacementCategory"/>) are dropped: the placement director logs one
/// line per failure instead. Configuration (<c>Serilog:MinimumLevel:Override</c>) still wins over the levels.
/// </summary>
public static class OrleansLogLevels
{
    /// <summary>The category Orleans logs failed placements under.</summary>
    public const string PlacementCategory = "Orleans.Messaging";

    /// <summary>The event Orleans logs for a message whose target could not be placed.</summary>
    public const string PlacementFailedEvent = "SelectTargetFailed";

    /// <summary>Category prefix to minimum level.</summary>
    public static IReadOnlyDictionary<string, LogLevel> Defaults { get; } = new Dictionary<string, LogLevel>(StringComparer.Ordinal)
    {
        ["Orleans"] = LogLevel.Warning,
        ["Polly"] = LogLevel.Warning,
    };

    /// <summary>True for the events dropped whatever the level: Orleans' per-call placement failure.</summary>
    public static bool IsSuppressed(string? category, string? eventName) =>
        string.Equals(category, PlacementCategory, StringComparison.Ordinal) && string.Equals(eventName, PlacementFailedEvent, StringComparison.Ordinal);
}
