using System.Text.Json.Serialization;
using ControlPlane.Grains.Abstractions.Json;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms.V1;

/// <summary>A VMM's state as the sled reports it (Omicron v1 <c>VmmState</c>); terminal = failed, destroyed.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<VmmState>))]
[GenerateSerializer, Alias("controlplane.vmms.v1.VmmState")]
public enum VmmState
{
    Starting,
    Running,
    Stopping,
    Stopped,
    Rebooting,
    Migrating,
    Failed,
    Destroyed,
}
