using System.Text.Json.Serialization;
using ControlPlane.Grains.Abstractions.Json;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>
/// A VMM's state as Nexus persists it: the sled's eight states plus <c>creating</c> (not yet registered on
/// a sled) and <c>saga_unwound</c> (the start or migrate that created it was rolled back).
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<NexusVmmState>))]
[GenerateSerializer, Alias("controlplane.vmms.NexusVmmState")]
public enum NexusVmmState
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
    SagaUnwound,
}
