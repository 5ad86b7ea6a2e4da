namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>Test-only device that fails migration exports/imports (<c>migration_failure_injector</c>, failure-injection family).</summary>
public sealed partial record MigrationFailureInjector : IComponent
{
    public ComponentKind Kind => ComponentKind.MigrationFailureInjector;

    public required uint FailExports { get; init; }

    public required uint FailImports { get; init; }
}
