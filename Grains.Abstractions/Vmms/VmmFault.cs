using System.Text.Json.Serialization;
using ControlPlane.Grains.Abstractions.Json;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>Faults the simulated sled can be told to suffer, for tests and demos.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<VmmFault>))]
[GenerateSerializer, Alias("controlplane.vmms.VmmFault")]
public enum VmmFault
{
    /// <summary>The Propolis process dies: the VMM becomes failed (any migration side failed too).</summary>
    ProcessCrash,

    /// <summary>The sled forgets the VMM (as after a sled-agent restart): reads say no such VMM.</summary>
    Vanish,

    /// <summary>The guest powers itself off: stopping, then destroyed.</summary>
    GuestShutdown,

    /// <summary>Propolis ignores stop requests, so only the stop grace timeout ends the VMM (forced destroyed).</summary>
    StopHangs,

    /// <summary>Migrations into this VMM fail instead of completing; one in progress fails at once.</summary>
    MigrationFails,

    /// <summary>Every doorbell from now on is lost on the way (the watcher must recover).</summary>
    DropDoorbells,
}
