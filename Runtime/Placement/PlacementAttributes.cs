namespace ControlPlane.Runtime;

/// <summary>Base of the placement attributes on grain classes: where a new activation goes. Existing activations never move.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public abstract class PlacementAttribute : Attribute
{
}

/// <summary>The default: a rendezvous hash of the grain id over the active compatible silos, so every silo computes the same choice.</summary>
public sealed class HashBasedPlacementAttribute : PlacementAttribute
{
}

/// <summary>Activate on the calling silo when it is active and compatible (requests from an external client fall back to hashing).</summary>
public sealed class PreferLocalPlacementAttribute : PlacementAttribute
{
}

/// <summary>
/// Activate only on a silo carrying a role. The role is <see cref="Role"/> when given, otherwise the grain key's
/// extension (compound keys: "vmm-guid+sled-7" runs on a silo with role "sled-7"), otherwise the whole string key.
/// When no live silo has the role the call fails fast with <see cref="SiloUnavailableException"/>; such grains never move.
/// </summary>
public sealed class SiloRolePlacementAttribute(string? role = null) : PlacementAttribute
{
    public string? Role { get; } = role;
}
