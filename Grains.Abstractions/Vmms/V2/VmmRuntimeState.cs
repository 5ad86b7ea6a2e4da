using System.Text.Json.Serialization;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms.V2;

/// <summary>Version 2's VMM runtime state: version 1 plus <c>failure_reason</c>, why the sled moved the VMM to failed.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.vmms.v2.VmmRuntimeState")]
public sealed record VmmRuntimeState
{
    [JsonPropertyName("state")]
    [Id(0)]
    public required V1.VmmState State { get; init; }

    [JsonPropertyName("gen")]
    [Id(1)]
    public required Generation Gen { get; init; }

    [JsonPropertyName("time_updated")]
    [Id(2)]
    public required DateTimeOffset TimeUpdated { get; init; }

    /// <summary>Human-readable reason for <c>failed</c> (for example "propolis process exited"); null otherwise.</summary>
    [JsonPropertyName("failure_reason")]
    [Id(3)]
    public string? FailureReason { get; init; }

    /// <summary>Up-conversion from version 1 (no reason known).</summary>
    public static VmmRuntimeState FromV1(V1.VmmRuntimeState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new VmmRuntimeState { State = state.State, Gen = state.Gen, TimeUpdated = state.TimeUpdated };
    }

    /// <summary>Down-conversion to version 1: the reason is dropped.</summary>
    public V1.VmmRuntimeState ToV1() => new() { State = State, Gen = Gen, TimeUpdated = TimeUpdated };
}
