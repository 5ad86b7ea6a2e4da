using System.Globalization;

namespace ControlPlane.Runtime.Membership;

/// <summary>
/// Where a silo listens for silo-to-silo traffic, plus its generation: a restarted silo on the same endpoint is a
/// new generation, so a Dead entry is never revived. The text form is "host:port@generation".
/// </summary>
[Immutable]
public readonly record struct SiloAddress(string Host, int Port, long Generation)
{
    public string Endpoint => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() => $"{Endpoint}@{Generation.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses "host:port@generation".</summary>
    public static SiloAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.LastIndexOf('@');
        var colon = at > 0 ? text.LastIndexOf(':', at) : -1;
        if (at <= 0 || colon <= 0
            || !int.TryParse(text.AsSpan(colon + 1, at - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || !long.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
        {
            throw new FormatException($"'{text}' is not a silo address: expected 'host:port@generation'.");
        }

        return new SiloAddress(text[..colon], port, generation);
    }

    /// <summary>A generation that increases across restarts of a process on the same endpoint (milliseconds since the Unix epoch).</summary>
    public static long NewGeneration() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
