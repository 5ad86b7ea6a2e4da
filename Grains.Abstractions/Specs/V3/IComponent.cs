using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V3;

/// <summary>
/// A component of an API version 3 (ADD_VSOCK, latest) instance spec: every version 1 component
/// plus <see cref="VirtioSocket"/>. The set of implementations is closed (see ComponentsOfVersion3.cs).
/// </summary>
[Alias("controlplane.specs.v3.IComponent")]
public interface IComponent
{
    /// <summary>The variant, which also names the wire tag.</summary>
    ComponentKind Kind { get; }
}
