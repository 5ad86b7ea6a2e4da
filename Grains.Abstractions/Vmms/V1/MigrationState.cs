using System.Text.Json.Serialization;
using ControlPlane.Grains.Abstractions.Json;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms.V1;

/// <summary>One side's view of a live migration (Omicron v1 <c>MigrationState</c>); terminal = failed, completed.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<MigrationState>))]
[GenerateSerializer, Alias("controlplane.vmms.v1.MigrationState")]
public enum MigrationState
{
    Pending,
    InProgress,
    Failed,
    Completed,
}
