using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Abstractions.Vmms.V1;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>
/// A live migration as Nexus has persisted it: each side with its own state and generation (the source
/// VMM's <c>migration_out</c>, the target's <c>migration_in</c>).
/// </summary>
public sealed record MigrationView
{
    public required Guid MigrationId { get; init; }

    public required Guid SourceVmmId { get; init; }

    public required Guid TargetVmmId { get; init; }

    public required MigrationState SourceState { get; init; }

    public required Generation SourceGen { get; init; }

    public required MigrationState TargetState { get; init; }

    public required Generation TargetGen { get; init; }
}
