using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Vmms.Nexus;

/// <summary>How sled-reported states map into Nexus's VMM states, and the groupings Nexus uses (brief §2.3).</summary>
public static class VmmStateMapping
{
    public static NexusVmmState ToNexus(VmmState state) => state switch
    {
        VmmState.Starting => NexusVmmState.Starting,
        VmmState.Running => NexusVmmState.Running,
        VmmState.Stopping => NexusVmmState.Stopping,
        VmmState.Stopped => NexusVmmState.Stopped,
        VmmState.Rebooting => NexusVmmState.Rebooting,
        VmmState.Migrating => NexusVmmState.Migrating,
        VmmState.Failed => NexusVmmState.Failed,
        VmmState.Destroyed => NexusVmmState.Destroyed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Terminal: failed or destroyed.</summary>
    public static bool IsTerminal(NexusVmmState state) => state is NexusVmmState.Failed or NexusVmmState.Destroyed;

    public static bool IsTerminal(MigrationState state) => state is MigrationState.Failed or MigrationState.Completed;

    /// <summary>Not on a sled: creating, saga_unwound or destroyed.</summary>
    public static bool IsNotOnSled(NexusVmmState state) => state is NexusVmmState.Creating or NexusVmmState.SagaUnwound or NexusVmmState.Destroyed;

    /// <summary>Worth checking by the watcher: on a sled, not terminal, not deleted.</summary>
    public static bool IsLive(VmmView vmm)
    {
        ArgumentNullException.ThrowIfNull(vmm);
        return !vmm.Deleted && !IsNotOnSled(vmm.State) && !IsTerminal(vmm.State);
    }
}
