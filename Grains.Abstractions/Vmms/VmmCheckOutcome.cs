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

    /// <summary>The VMM is gone for good (released by its instance, or never created): not checked, no longer watched.</summary>
    NotLive,

    /// <summary>
    /// Not live, but its instance has not released it yet: the instance was told again, and the watcher keeps the VMM
    /// until it is released (a notice lost with a dying silo, or a reconcile whose write failed, is retried every pass).
    /// </summary>
    AwaitingRelease,
}
