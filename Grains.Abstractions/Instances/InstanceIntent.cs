using System.Text.Json.Serialization;
using ControlPlane.Grains.Abstractions.Json;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>What the user (or the guest) last asked the instance to be; auto-restart only honours <c>running</c>.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<InstanceIntent>))]
[GenerateSerializer, Alias("controlplane.instances.InstanceIntent")]
public enum InstanceIntent
{
    Running,
    Stopped,
    GuestShutdown,
    Destroyed,
}
