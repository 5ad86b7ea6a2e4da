using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.V2;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// The server's instance spec, shaped so that illegal states cannot be represented: every disk has
/// exactly one storage backend, every NIC one viona backend, singletons are optional values, and
/// PCI paths, serial ports and component names are unique. Only <see cref="SpecBuilder"/> creates one.
/// </summary>
public sealed record Spec
{
    internal Spec()
    {
    }

    public SpecBoard Board { get; internal init; } = null!;

    /// <summary>Validated CPUID, always present (host defaults fill it in when the wire spec has none).</summary>
    public CpuidSet Cpuid { get; internal init; } = null!;

    /// <summary>Disks keyed by their device component's key.</summary>
    public ComponentMap<Disk> Disks { get; internal init; } = ComponentMap<Disk>.Empty;

    /// <summary>NICs keyed by their device component's key.</summary>
    public ComponentMap<Nic> Nics { get; internal init; } = ComponentMap<Nic>.Empty;

    /// <summary>COM ports in use, keyed by the component that claims them (a UART, or SoftNPU's PCI port for COM4).</summary>
    public ComponentMap<SerialPortAssignment> SerialPorts { get; internal init; } = ComponentMap<SerialPortAssignment>.Empty;

    public ComponentMap<PciPciBridge> PciPciBridges { get; internal init; } = ComponentMap<PciPciBridge>.Empty;

    /// <summary>The boot order; every entry is the key of a disk in <see cref="Disks"/>.</summary>
    public KeyedComponent<ValueList<SpecKey>>? BootOrder { get; internal init; }

    public KeyedComponent<QemuPvpanic>? Pvpanic { get; internal init; }

    public KeyedComponent<VsockDevice>? Vsock { get; internal init; }

    public KeyedComponent<MigrationFailureInjector>? MigrationFailureInjector { get; internal init; }

    public SoftNpu SoftNpu { get; internal init; } = SoftNpu.None;

    public SmbiosType1Input? Smbios { get; internal init; }
}
