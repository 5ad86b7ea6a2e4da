using ControlPlane.Grains.Abstractions.Specs.V6;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>
/// Registers a VMM on its sled (sled-agent <c>vmm_register</c>): the spec to run and the initial runtime
/// state Nexus hands over (gen 2, <c>starting</c>, or <c>migrating</c> for a migration target).
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.vmms.VmmRegistration")]
public sealed record VmmRegistration
{
    [Id(0)]
    public required Guid InstanceId { get; init; }

    [Id(1)]
    public required InstanceSpec Spec { get; init; }

    [Id(2)]
    public required VmmRuntimeState VmmRuntime { get; init; }

    /// <summary>Set for a migration target: the migration it is the target of.</summary>
    [Id(3)]
    public Guid? MigrationId { get; init; }
}
