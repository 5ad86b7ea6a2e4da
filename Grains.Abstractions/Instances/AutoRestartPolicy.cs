using System.Text.Json.Serialization;
using ControlPlane.Grains.Abstractions.Json;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>Whether a failed instance whose intent is running is restarted automatically (after a cooldown).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<AutoRestartPolicy>))]
public enum AutoRestartPolicy
{
    BestEffort,
    Never,
}
