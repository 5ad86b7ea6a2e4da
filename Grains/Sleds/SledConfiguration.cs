using System.Globalization;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Specs;
using Microsoft.Extensions.Configuration;

namespace ControlPlane.Grains.Sleds;

/// <summary>
/// The sleds a silo hosts, parsed once from the "Sleds" section (a list of <c>{id, cpus, memory_mib}</c>);
/// a malformed entry stops the silo at start-up with a message naming it.
/// </summary>
public sealed record SledConfiguration(ValueList<SledDescription> Sleds)
{
    public const string ConfigurationSection = "Sleds";

    public static SledConfiguration Parse(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sleds = new List<SledDescription>();
        foreach (var entry in configuration.GetSection(ConfigurationSection).GetChildren())
        {
            var where = $"{ConfigurationSection}:{entry.Key}";
            if (!Guid.TryParse(entry["id"], out var id))
            {
                throw new InvalidOperationException($"{where}: 'id' must be a UUID.");
            }

            if (!int.TryParse(entry["cpus"], NumberStyles.None, CultureInfo.InvariantCulture, out var cpus) || cpus < 1)
            {
                throw new InvalidOperationException($"{where}: 'cpus' must be a positive integer.");
            }

            if (!ulong.TryParse(entry["memory_mib"], NumberStyles.None, CultureInfo.InvariantCulture, out var memory) || memory < 1)
            {
                throw new InvalidOperationException($"{where}: 'memory_mib' must be a positive integer.");
            }

            if (sleds.Any(s => s.Id == id))
            {
                throw new InvalidOperationException($"{where}: sled {id} is listed twice.");
            }

            sleds.Add(new SledDescription { Id = id, Cpus = cpus, MemoryMib = memory });
        }

        return new SledConfiguration([.. sleds]);
    }
}
