using System.Text.Json.Serialization;
using ControlPlane.Grains.Abstractions.Json;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>The user-visible state of an instance, derived on every read from the instance and its active VMM (brief §6).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<InstanceRunState>))]
[GenerateSerializer, Alias("controlplane.instances.InstanceRunState")]
public enum InstanceRunState
{
    Creating,
    Starting,
    Running,
    Stopping,
    Stopped,
    Rebooting,
    Migrating,
    Failed,
    Destroyed,
}
