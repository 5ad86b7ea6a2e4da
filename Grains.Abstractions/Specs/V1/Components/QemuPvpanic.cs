using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>QEMU's paravirtual panic device (<c>qemu_pvpanic</c>, ISA port 0x505); at most one per VM.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.QemuPvpanic")]
public sealed partial record QemuPvpanic : IComponent
{
    public ComponentKind Kind => ComponentKind.QemuPvpanic;

    [Id(0)]
    public required bool EnableIsa { get; init; }
}
