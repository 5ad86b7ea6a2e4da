namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>The silo role of a sled, <c>sled-&lt;id&gt;</c>: carried by the silo hosting the sled and used as the sled grains' key extension.</summary>
public static class SledRole
{
    private const string Prefix = "sled-";

    public static string For(Guid sledId) => Prefix + sledId.ToString("D");

    public static bool TryParse(string? role, out Guid sledId)
    {
        sledId = Guid.Empty;
        return role is not null && role.StartsWith(Prefix, StringComparison.Ordinal) && Guid.TryParse(role.AsSpan(Prefix.Length), out sledId);
    }
}
