using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>
/// A component of an API version 1 or 2 instance spec (Propolis' <c>v1::Component</c>). The set of
/// implementations is closed: exactly the component records of this folder.
/// </summary>
[Alias("controlplane.specs.v1.IComponent")]
public interface IComponent
{
    /// <summary>The variant, which also names the wire tag.</summary>
    ComponentKind Kind { get; }
}
