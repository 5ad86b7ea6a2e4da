using System.Text.Json.Serialization;
using ControlPlane.Grains.Abstractions.Json;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>The result of one watcher check of one VMM.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<VmmCheckOutcome>))]
[GenerateSerializer, Alias("controlplane.vmms.VmmCheckOutcome")]
public enum VmmCheckOutcome
{
    /// <summary>The sled's state was newer and was applied.</summary>
    Applied,

    /// <summary>The sled's state was not newer.</summary>
    Unchanged,

    /// <summary>The sled does not know the VMM: marked Failed(no_such_instance).</summary>
    FailedNoSuchInstance,

    /// <summary>The sled's silo is dead: marked Failed(sled_off).</summary>
    FailedSledOff,

    /// <summary>Some other error: no conclusion, nothing changed.</summary>
    Inconclusive,

    /// <summary>The VMM is not live (creating, terminal or deleted): not checked.</summary>
    NotLive,
}
