using System.Collections.Immutable;
using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// A validated CPUID table: every leaf in the standard or extended range, no duplicate
/// (leaf, subleaf), no leaf mixing a subleaf-less entry with numbered subleaves. Entries are kept
/// sorted by leaf then subleaf (subleaf-less first), as Propolis' CPUID map orders them.
/// </summary>
public sealed record CpuidSet
{
    private CpuidSet(CpuidVendor vendor, ValueList<CpuidEntry> entries)
    {
        Vendor = vendor;
        Entries = entries;
    }

    public CpuidVendor Vendor { get; }

    public ValueList<CpuidEntry> Entries { get; }

    /// <summary>Validates a wire CPUID table; returns the set, or the first conflict Propolis would report.</summary>
    public static CpuidSet? TryCreate(Cpuid cpuid, out CpuidEntriesInvalid? error)
    {
        ArgumentNullException.ThrowIfNull(cpuid);
        error = null;
        // leaf -> whether it has a subleaf-less entry (true) or numbered subleaves (false)
        var leaves = new Dictionary<uint, bool>();
        var seen = new HashSet<(uint Leaf, uint? Subleaf)>();
        foreach (var entry in cpuid.Entries)
        {
            if (!IsLeafInRange(entry.Leaf))
            {
                error = new CpuidEntriesInvalid(CpuidConflict.LeafOutOfRange, entry.Leaf, entry.Subleaf);
                return null;
            }

            if (!seen.Add((entry.Leaf, entry.Subleaf)))
            {
                error = new CpuidEntriesInvalid(CpuidConflict.DuplicateLeaf, entry.Leaf, entry.Subleaf);
                return null;
            }

            var subleafless = entry.Subleaf is null;
            if (leaves.TryGetValue(entry.Leaf, out var earlierSubleafless) && earlierSubleafless != subleafless)
            {
                error = new CpuidEntriesInvalid(
                    subleafless ? CpuidConflict.SubleavesAlreadyPresent : CpuidConflict.SubleavesAlreadyAbsent,
                    entry.Leaf,
                    entry.Subleaf);
                return null;
            }

            leaves[entry.Leaf] = subleafless;
        }

        var sorted = cpuid.Entries
            .OrderBy(e => e.Leaf)
            .ThenBy(e => e.Subleaf.HasValue)
            .ThenBy(e => e.Subleaf ?? 0)
            .ToImmutableArray();
        return new CpuidSet(cpuid.Vendor, ValueList.From(sorted));
    }

    /// <summary>Standard (0x0-0xFFFF) and extended (0x8000_0000-0x8000_FFFF) leaves; the hypervisor range belongs to Propolis.</summary>
    public static bool IsLeafInRange(uint leaf) => leaf <= 0xFFFF || leaf is >= 0x8000_0000 and <= 0x8000_FFFF;

    /// <summary>The wire form of the set (always explicit).</summary>
    public Cpuid ToWire() => new() { Entries = Entries, Vendor = Vendor };
}
