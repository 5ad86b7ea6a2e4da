using System.Text.Json.Serialization;

namespace ControlPlane.Grains.Abstractions.Vmms.V1;

/// <summary>Omicron v1 <c>VmmRuntimeState</c>: the state, its generation (<c>gen</c>) and when it was observed.</summary>
public sealed record VmmRuntimeState
{
    [JsonPropertyName("state")]
    public required VmmState State { get; init; }

    [JsonPropertyName("gen")]
    public required Generation Gen { get; init; }

    [JsonPropertyName("time_updated")]
    public required DateTimeOffset TimeUpdated { get; init; }
}
