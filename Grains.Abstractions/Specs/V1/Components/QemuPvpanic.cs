namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>QEMU's paravirtual panic device (<c>qemu_pvpanic</c>, ISA port 0x505); at most one per VM.</summary>
public sealed partial record QemuPvpanic : IComponent
{
    public ComponentKind Kind => ComponentKind.QemuPvpanic;

    public required bool EnableIsa { get; init; }
}
