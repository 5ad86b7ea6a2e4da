using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>SoftNPU components (falcon family): singletons keep their keys, ports pair with DLPI backends only.</summary>
public sealed record SoftNpu
{
    internal SoftNpu()
    {
    }

    public static SoftNpu None { get; } = new();

    public KeyedComponent<SoftNpuPciPort>? PciPort { get; internal init; }

    public ComponentMap<SoftNpuPortSpec> Ports { get; internal init; } = ComponentMap<SoftNpuPortSpec>.Empty;

    public KeyedComponent<SoftNpuP9>? P9 { get; internal init; }

    public KeyedComponent<P9fs>? P9fs { get; internal init; }

    /// <summary>Whether the spec has any SoftNPU component.</summary>
    public bool IsPresent => PciPort is not null || Ports.Count > 0 || P9 is not null || P9fs is not null;
}

/// <summary>A SoftNPU data port and its DLPI backend.</summary>
public sealed record SoftNpuPortSpec(string LinkName, SpecKey BackendKey, DlpiNetworkBackend Backend);
