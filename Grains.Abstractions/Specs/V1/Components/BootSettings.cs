using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>The boot order (<c>boot_settings</c>); its entries name disk device components. At most one per VM.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.BootSettings")]
public sealed partial record BootSettings : IComponent
{
    public ComponentKind Kind => ComponentKind.BootSettings;

    [Id(0)]
    public required ValueList<BootOrderEntry> Order { get; init; }
}
