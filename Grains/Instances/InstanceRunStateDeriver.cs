using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Instances;

/// <summary>The user-visible run state, computed on every read from the instance and its active VMM (brief §6).</summary>
public static class InstanceRunStateDeriver
{
    public static InstanceRunState Derive(InstanceRecord instance, VmmView? activeVmm)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Derive(instance.State, instance.MigrationId is not null, activeVmm?.State);
    }

    /// <summary>The same from the instance's state, whether a migration is recorded, and its active VMM's state when known.</summary>
    public static InstanceRunState Derive(InstanceNexusState state, bool migrating, NexusVmmState? activeVmmState) => state switch
    {
        InstanceNexusState.Creating => InstanceRunState.Creating,
        InstanceNexusState.NoVmm => InstanceRunState.Stopped,
        InstanceNexusState.Failed => InstanceRunState.Failed,
        InstanceNexusState.Destroyed => InstanceRunState.Destroyed,
        InstanceNexusState.Vmm when migrating => InstanceRunState.Migrating,
        InstanceNexusState.Vmm => FromVmm(activeVmmState ?? NexusVmmState.Creating),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static InstanceRunState FromVmm(NexusVmmState state) => state switch
    {
        NexusVmmState.Creating or NexusVmmState.Starting => InstanceRunState.Starting,
        NexusVmmState.Running => InstanceRunState.Running,
        NexusVmmState.Rebooting => InstanceRunState.Rebooting,
        NexusVmmState.Migrating => InstanceRunState.Migrating,
        // Resources not yet released: failed is not shown until the VMM is unlinked.
        NexusVmmState.Stopping or NexusVmmState.Stopped or NexusVmmState.Destroyed or NexusVmmState.Failed => InstanceRunState.Stopping,
        NexusVmmState.SagaUnwound => InstanceRunState.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
