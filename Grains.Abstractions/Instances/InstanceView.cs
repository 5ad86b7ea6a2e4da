using ControlPlane.Grains.Abstractions.Vmms;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>An instance as the external API shows it: intent, derived run state, where it runs and its generation.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.instances.InstanceView")]
public sealed record InstanceView
{
    [Id(0)]
    public required Guid Id { get; init; }

    [Id(1)]
    public required string Name { get; init; }

    [Id(2)]
    public required InstanceRunState RunState { get; init; }

    [Id(3)]
    public required InstanceIntent Intent { get; init; }

    [Id(4)]
    public required int Ncpus { get; init; }

    [Id(5)]
    public required ulong MemoryMib { get; init; }

    /// <summary>The VMM incarnating the instance, if any.</summary>
    [Id(6)]
    public Guid? ActiveVmmId { get; init; }

    /// <summary>The sled of the active VMM.</summary>
    [Id(7)]
    public Guid? SledId { get; init; }

    /// <summary>The migration target VMM while a migration is in progress.</summary>
    [Id(8)]
    public Guid? TargetVmmId { get; init; }

    [Id(9)]
    public Guid? TargetSledId { get; init; }

    [Id(10)]
    public Guid? MigrationId { get; init; }

    /// <summary>The instance record's own generation (bumped on every change of the record).</summary>
    [Id(11)]
    public required Generation Generation { get; init; }

    [Id(12)]
    public required AutoRestartPolicy AutoRestartPolicy { get; init; }

    [Id(13)]
    public DateTimeOffset? TimeLastAutoRestarted { get; init; }

    [Id(14)]
    public required DateTimeOffset TimeRunStateUpdated { get; init; }
}
