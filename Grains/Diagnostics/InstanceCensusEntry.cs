using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Instances;

namespace ControlPlane.Grains.Diagnostics;

/// <summary>
/// An instance as its activation last saw it, in the few fields its run state is derived from (a whole record kept here
/// would keep each collected instance's spec in memory). The run state is derived when the gauge is read, from the VMM's
/// own census entry when that VMM lives in this process (so it is current) and from <see cref="ActiveVmmState"/> otherwise.
/// </summary>
public readonly record struct InstanceCensusEntry(InstanceNexusState State, bool Migrating, Guid? ActiveVmmId, NexusVmmState? ActiveVmmState)
{
    /// <summary>The entry for <paramref name="record"/>; <paramref name="active"/> counts only if it is the record's active VMM.</summary>
    public static InstanceCensusEntry Of(InstanceRecord record, VmmView? active)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.State, record.MigrationId is not null, record.ActiveVmmId, active is not null && active.VmmId == record.ActiveVmmId ? active.State : null);
    }

    /// <summary>The run state, with <paramref name="current"/> (the active VMM's own census entry) when this process has one.</summary>
    public InstanceRunState RunState(VmmView? current) => InstanceRunStateDeriver.Derive(State, Migrating, current?.State ?? ActiveVmmState);
}
