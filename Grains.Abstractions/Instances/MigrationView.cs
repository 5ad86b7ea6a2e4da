using ControlPlane.Grains.Abstractions.Vmms;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>
/// A live migration as Nexus has persisted it: each side with its own state and generation (the source
/// VMM's <c>migration_out</c>, the target's <c>migration_in</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.instances.MigrationView")]
public sealed record MigrationView
{
    [Id(0)]
    public required Guid MigrationId { get; init; }

    [Id(1)]
    public required Guid SourceVmmId { get; init; }

    [Id(2)]
    public required Guid TargetVmmId { get; init; }

    [Id(3)]
    public required MigrationState SourceState { get; init; }

    [Id(4)]
    public required Generation SourceGen { get; init; }

    [Id(5)]
    public required MigrationState TargetState { get; init; }

    [Id(6)]
    public required Generation TargetGen { get; init; }
}
