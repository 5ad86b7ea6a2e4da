using System.Collections.Immutable;
using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Sleds.Placement;

/// <summary>
/// The silo-metadata entry that says which sleds a silo hosts: key <see cref="Key"/>, value the sled ids in
/// lowercase "D" form separated by commas (empty for a silo that hosts none). Pure: format and parse only.
/// </summary>
public static class SledSiloMetadata
{
    /// <summary>The metadata key every control-plane silo publishes.</summary>
    public const string Key = "controlplane.sleds";

    public static string Format(IEnumerable<Guid> sledIds) => string.Join(',', sledIds.Select(id => id.ToString("D")));

    /// <summary>The sleds a metadata value lists; unparseable entries are ignored (they name no sled).</summary>
    public static ImmutableHashSet<Guid> Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        var sleds = ImmutableHashSet.CreateBuilder<Guid>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Guid.TryParse(part, out var id))
            {
                sleds.Add(id);
            }
        }

        return sleds.ToImmutable();
    }

    /// <summary>The metadata a silo hosting <paramref name="sleds"/> publishes.</summary>
    public static KeyValuePair<string, string> For(ValueList<Abstractions.Sleds.SledDescription> sleds) =>
        new(Key, Format(sleds.Select(s => s.Id)));
}
