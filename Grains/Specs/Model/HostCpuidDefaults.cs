using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// The CPUID a simulated sled reports when a spec has none (Propolis reads bhyve's host defaults,
/// #844). A fixed, plausible AMD table so that specs are deterministic in tests and migrations.
/// </summary>
public static class HostCpuidDefaults
{
    /// <summary>A minimal AMD table: vendor leaf, feature leaves 1 and 7/0, extended leaves 0x8000_0000/1.</summary>
    public static CpuidSet Amd { get; } = CpuidSet.TryCreate(
        new Cpuid
        {
            Vendor = CpuidVendor.Amd,
            Entries =
            [
                Entry(0x0, null, 0x0000_000D, 0x6874_7541, 0x444D_4163, 0x6974_6E65),
                Entry(0x1, null, 0x00A0_0F11, 0x0000_0800, 0xF6F8_3203, 0x178B_FBFF),
                Entry(0x7, 0, 0x0000_0000, 0x219C_03A9, 0x0040_069C, 0x0000_0000),
                Entry(0x8000_0000, null, 0x8000_0020, 0x6874_7541, 0x444D_4163, 0x6974_6E65),
                Entry(0x8000_0001, null, 0x00A0_0F11, 0x4000_0000, 0x4440_01F1, 0x2FD3_FBFF),
            ],
        },
        out _)!;

    private static CpuidEntry Entry(uint leaf, uint? subleaf, uint eax, uint ebx, uint ecx, uint edx) =>
        new() { Leaf = leaf, Subleaf = subleaf, Eax = eax, Ebx = ebx, Ecx = ecx, Edx = edx };
}
