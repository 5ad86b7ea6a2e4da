using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>An instance as the external API shows it: intent, derived run state, where it runs and its generation.</summary>
public sealed record InstanceView
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public required InstanceRunState RunState { get; init; }

    public required InstanceIntent Intent { get; init; }

    public required int Ncpus { get; init; }

    public required ulong MemoryMib { get; init; }

    /// <summary>The VMM incarnating the instance, if any.</summary>
    public Guid? ActiveVmmId { get; init; }

    /// <summary>The sled of the active VMM.</summary>
    public Guid? SledId { get; init; }

    /// <summary>The migration target VMM while a migration is in progress.</summary>
    public Guid? TargetVmmId { get; init; }

    public Guid? TargetSledId { get; init; }

    public Guid? MigrationId { get; init; }

    /// <summary>The instance record's own generation (bumped on every change of the record).</summary>
    public required Generation Generation { get; init; }

    public required AutoRestartPolicy AutoRestartPolicy { get; init; }

    public DateTimeOffset? TimeLastAutoRestarted { get; init; }

    public required DateTimeOffset TimeRunStateUpdated { get; init; }
}
