using ControlPlane.Grains.Abstractions.Specs.V3;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>
/// Registers a VMM on its sled (sled-agent <c>vmm_register</c>): the spec to run and the initial runtime
/// state Nexus hands over (gen 2, <c>starting</c>, or <c>migrating</c> for a migration target).
/// </summary>
public sealed record VmmRegistration
{
    public required Guid InstanceId { get; init; }

    public required InstanceSpec Spec { get; init; }

    public required V2.VmmRuntimeState VmmRuntime { get; init; }

    /// <summary>Set for a migration target: the migration it is the target of.</summary>
    public Guid? MigrationId { get; init; }
}
