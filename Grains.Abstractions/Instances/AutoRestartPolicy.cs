using System.Text.Json.Serialization;
using ControlPlane.Grains.Abstractions.Json;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>Whether a failed instance whose intent is running is restarted automatically (after a cooldown).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<AutoRestartPolicy>))]
[GenerateSerializer, Alias("controlplane.instances.AutoRestartPolicy")]
public enum AutoRestartPolicy
{
    BestEffort,
    Never,
}
