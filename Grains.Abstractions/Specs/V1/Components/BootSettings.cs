namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>The boot order (<c>boot_settings</c>); its entries name disk device components. At most one per VM.</summary>
public sealed partial record BootSettings : IComponent
{
    public ComponentKind Kind => ComponentKind.BootSettings;

    public required ValueList<BootOrderEntry> Order { get; init; }
}
