using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace ControlPlane.Benchmarks.Runtime.CrossSilo;

/// <summary>
/// Places a grain with a string key <c>anything@SiloName</c> on the live silo of that name (TestCluster names its silos
/// Primary, Secondary_1, ...), so the benchmark knows which calls are same-silo and which cross a socket. Replaces the
/// former runtime's silo-role placement, which Orleans has only in the form "the key is the role".
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("benchmarks.NamedSiloPlacement")]
public sealed class NamedSiloPlacementStrategy : PlacementStrategy
{
    public static NamedSiloPlacementStrategy Instance { get; } = new();
}

/// <summary>Marks a grain class placed by <see cref="NamedSiloPlacementStrategy"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class NamedSiloPlacementAttribute : PlacementAttribute
{
    public NamedSiloPlacementAttribute()
        : base(NamedSiloPlacementStrategy.Instance)
    {
    }
}

/// <summary>Chooses the compatible silo whose membership name follows the <c>@</c> in the grain's key; throws when none is live.</summary>
public sealed class NamedSiloPlacementDirector(IClusterMembershipService membership) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = target.GrainIdentity.Key.ToString();
        var at = key.LastIndexOf('@');
        var name = at < 0 ? throw new ArgumentException($"Key '{key}' names no silo (expected 'anything@SiloName').", nameof(target)) : key[(at + 1)..];
        var members = membership.CurrentSnapshot.Members;
        foreach (var silo in context.GetCompatibleSilos(target))
        {
            if (members.TryGetValue(silo, out var member) && string.Equals(member.Name, name, StringComparison.Ordinal))
            {
                return Task.FromResult(silo);
            }
        }

        throw new InvalidOperationException($"No live silo is named '{name}'.");
    }
}
