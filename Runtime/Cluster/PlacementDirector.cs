using System.Collections.Immutable;
using ControlPlane.Runtime.Manifest;
using ControlPlane.Runtime.Membership;

namespace ControlPlane.Runtime.Cluster;

/// <summary>
/// Chooses the silo for a new activation from the Active silos of the current view: rendezvous hashing by default
/// (every silo computes the same answer), the calling silo for prefer-local, and only silos carrying the grain's
/// role for silo-role placement, failing fast when none is alive. Pure: view in, silo out.
/// </summary>
internal static class PlacementDirector
{
    public static SiloAddress Choose(GrainClassDescriptor grainClass, GrainId grainId, ImmutableArray<MembershipEntry> active, SiloAddress? caller)
    {
        switch (grainClass.Placement)
        {
            case SiloRolePlacementAttribute rolePlacement:
                var role = RoleOf(rolePlacement, grainId);
                var withRole = active.Where(e => e.Roles.Contains(role, StringComparer.Ordinal)).ToImmutableArray();
                if (withRole.IsEmpty)
                {
                    throw new NoSiloForRoleException(role, grainId);
                }

                return Rendezvous(grainId, withRole);
            case PreferLocalPlacementAttribute when caller is { } local && active.Any(e => e.Address == local):
                return local;
            default:
                if (active.IsEmpty)
                {
                    throw new SiloUnavailableException($"No active silo can host grain {grainId}.");
                }

                return Rendezvous(grainId, active);
        }
    }

    /// <summary>The role a silo-role placed grain needs: the attribute's, else the key's extension, else the key.</summary>
    public static string RoleOf(SiloRolePlacementAttribute placement, GrainId grainId)
    {
        if (placement.Role is { } fixedRole)
        {
            return fixedRole;
        }

        var plus = grainId.Key.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? grainId.Key[(plus + 1)..] : grainId.Key;
    }

    private static SiloAddress Rendezvous(GrainId grainId, ImmutableArray<MembershipEntry> candidates)
    {
        var id = grainId.ToString();
        var best = candidates[0].Address;
        var bestScore = 0u;
        var first = true;
        foreach (var candidate in candidates)
        {
            var score = StableHash.Fnv1a(id + "|" + candidate.Address.Endpoint);
            if (first || score > bestScore || (score == bestScore && string.CompareOrdinal(candidate.Address.ToString(), best.ToString()) < 0))
            {
                best = candidate.Address;
                bestScore = score;
                first = false;
            }
        }

        return best;
    }
}
