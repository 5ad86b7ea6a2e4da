using System.Text.Json.Serialization;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms.V1;

/// <summary>Omicron v1 <c>VmmRuntimeState</c>: the state, its generation (<c>gen</c>) and when it was observed.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)] // Omicron ignores unknown fields; so do we.
[GenerateSerializer, Immutable, Alias("controlplane.vmms.v1.VmmRuntimeState")]
public sealed record VmmRuntimeState
{
    [JsonPropertyName("state")]
    [Id(0)]
    public required VmmState State { get; init; }

    [JsonPropertyName("gen")]
    [Id(1)]
    public required Generation Gen { get; init; }

    [JsonPropertyName("time_updated")]
    [Id(2)]
    public required DateTimeOffset TimeUpdated { get; init; }
}
