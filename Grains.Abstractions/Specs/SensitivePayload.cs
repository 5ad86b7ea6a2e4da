namespace ControlPlane.Grains.Abstractions.Specs;

/// <summary>
/// Describes secret-bearing payloads (Crucible volume construction requests carry keys; blob disks
/// carry cloud-init data) for logs and ToString without printing their content.
/// </summary>
public static class SensitivePayload
{
    /// <summary>A placeholder that says how long the payload is and nothing else.</summary>
    public static string Describe(string? payload) => payload is null ? "null" : $"<redacted, {payload.Length} chars>";
}
