using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>
/// API version 1's instance spec (OpenAPI <c>InstanceSpecV0</c>): a board plus a flat map of named
/// components. Unknown top-level JSON fields are rejected in this version.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.InstanceSpecV0JsonConverter))]
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.InstanceSpecV0")]
public sealed record InstanceSpecV0
{
    [Id(0)]
    public required Board Board { get; init; }

    [Id(1)]
    public required ComponentMap<IComponent> Components { get; init; }
}
