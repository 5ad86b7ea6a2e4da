using System.Text.Json.Serialization;
using ControlPlane.Grains.Abstractions.Json;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>The user operations on an instance, named in errors that refuse one.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<InstanceOperation>))]
[GenerateSerializer, Alias("controlplane.instances.InstanceOperation")]
public enum InstanceOperation
{
    Create,
    Start,
    Stop,
    Reboot,
    Migrate,
    Delete,
}
