using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>
/// The deprecated version wrapper API version 1 returns from <c>GET /instance/spec</c> and the
/// migration preamble carries: <c>{"version":"V0","spec":{...}}</c>. V0 is its only variant.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.VersionedInstanceSpecJsonConverter))]
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.VersionedInstanceSpec")]
public sealed record VersionedInstanceSpec
{
    /// <summary>The only version tag the wrapper has.</summary>
    public const string V0 = "V0";

    [Id(0)]
    public required InstanceSpecV0 Spec { get; init; }
}
