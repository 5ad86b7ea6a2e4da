using Orleans;

namespace ControlPlane.Grains.Instances.Sagas;

/// <summary>The instance operations that run as steps with undo (Omicron's instance sagas).</summary>
[GenerateSerializer, Alias("controlplane.state.SagaKind")]
public enum SagaKind
{
    /// <summary>Reserve a sled, create the VMM, point the instance at it, register and run it (instance_start).</summary>
    Start,

    /// <summary>Reserve the destination, create the target VMM, set the migration ids, register and start the target (instance_migrate).</summary>
    Migrate,

    /// <summary>Record the intent to stop, then ask the active VMM's sled to stop it.</summary>
    Stop,

    /// <summary>Mark the instance destroyed, then release its name.</summary>
    Delete,

    /// <summary>Ask the active VMM's sled to reboot it (one step, nothing to undo).</summary>
    Reboot,
}
