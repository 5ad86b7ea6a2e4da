using System.Text.Json.Serialization;
using ControlPlane.Grains.Abstractions.Json;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>Why Nexus holds a VMM as failed: the sled said so, or explicit evidence that the VMM is gone.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<VmmFailureReason>))]
[GenerateSerializer, Alias("controlplane.vmms.VmmFailureReason")]
public enum VmmFailureReason
{
    /// <summary>The sled reported <c>failed</c> (its v2 <c>failure_reason</c> text is kept beside it).</summary>
    FromSledAgent,

    /// <summary>The sled does not know the VMM (it restarted, or the VMM vanished).</summary>
    NoSuchInstance,

    /// <summary>The sled was removed from service.</summary>
    SledExpunged,

    /// <summary>The silo hosting the sled was declared dead.</summary>
    SledOff,
}
