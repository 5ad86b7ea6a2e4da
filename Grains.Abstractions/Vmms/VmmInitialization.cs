using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>Creates the Nexus-side VMM record (state creating, generation 1) before the VMM is registered on its sled.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.vmms.VmmInitialization")]
public sealed record VmmInitialization
{
    [Id(0)]
    public required Guid InstanceId { get; init; }

    [Id(1)]
    public required Guid SledId { get; init; }

    /// <summary>Set for a migration target: its <c>migration_in</c> side starts pending at generation 1.</summary>
    [Id(2)]
    public Guid? MigrationInId { get; init; }
}
