using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>Test-only device that fails migration exports/imports (<c>migration_failure_injector</c>, failure-injection family).</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.MigrationFailureInjector")]
public sealed partial record MigrationFailureInjector : IComponent
{
    public ComponentKind Kind => ComponentKind.MigrationFailureInjector;

    [Id(0)]
    public required uint FailExports { get; init; }

    [Id(1)]
    public required uint FailImports { get; init; }
}
