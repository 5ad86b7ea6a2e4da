using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V6;

/// <summary>
/// A component of an API version 6 (NVME_WRITE_CACHE, the latest) instance spec: every version 3 component, with
/// <see cref="NvmeDisk"/> (which gained <c>has_write_cache</c>) in place of version 1's. The set of implementations is
/// closed (see ComponentsOfVersion6.cs).
/// </summary>
[Alias("controlplane.specs.v6.IComponent")]
public interface IComponent
{
    /// <summary>The variant, which also names the wire tag.</summary>
    ComponentKind Kind { get; }
}
