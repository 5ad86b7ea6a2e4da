namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>The name of a sled in grain keys, <c>sled-&lt;id&gt;</c>: the sled grains' key extension, which sled placement reads to find the silo hosting it.</summary>
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
