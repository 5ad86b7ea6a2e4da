using System.Globalization;
using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// Propolis' Era-A migration check (brief §5.1): compares source and target specs component by
/// component in Propolis' order (board, disks, NICs, serial ports, bridges, pvpanic, SoftNPU) and
/// returns every mismatch, not just the first. Boot settings, backend payloads (VCR, file path, blob,
/// VNIC name), NIC interface ids, vsock, smbios and the failure injector are not compared.
/// </summary>
public static class MigrationCompatibilityChecker
{
    public static IReadOnlyList<MigrationMismatch> Check(Spec source, Spec target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var found = new List<MigrationMismatch>();
        void Differ<T>(MigrationMismatchKind kind, string path, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
            {
                found.Add(new MigrationMismatch(kind, path, Text(a), Text(b)));
            }
        }

        Differ(MigrationMismatchKind.BoardPcieEnabled, "board.chipset.enable_pcie", source.Board.EnablePcie, target.Board.EnablePcie);
        CompareCpuid(source.Cpuid, target.Cpuid, found);
        Differ(MigrationMismatchKind.BoardCpuCount, "board.cpus", source.Board.Cpus, target.Board.Cpus);
        Differ(MigrationMismatchKind.BoardMemorySize, "board.memory_mb", source.Board.MemoryMib, target.Board.MemoryMib);

        CompareCollection("disks", source.Disks, target.Disks, found, (path, a, b) =>
        {
            Differ(MigrationMismatchKind.DiskInterface, $"{path}.interface", Interface(a.Device), Interface(b.Device));
            Differ(MigrationMismatchKind.DiskPciPath, $"{path}.pci_path", a.Device.PciPath, b.Device.PciPath);
            Differ(MigrationMismatchKind.DiskBackendName, $"{path}.backend_id", a.BackendKey, b.BackendKey);
            Differ(MigrationMismatchKind.DiskBackendKind, $"{path}.backend.kind", BackendKind(a.Backend), BackendKind(b.Backend));
            Differ(MigrationMismatchKind.DiskReadOnly, $"{path}.backend.readonly", a.Backend.Readonly, b.Backend.Readonly);
            if (a.Device is DiskDevice.Nvme nvmeA && b.Device is DiskDevice.Nvme nvmeB)
            {
                Differ(MigrationMismatchKind.DiskWriteCache, $"{path}.has_write_cache", nvmeA.HasWriteCache, nvmeB.HasWriteCache);
            }
        });
        CompareCollection("nics", source.Nics, target.Nics, found, (path, a, b) =>
        {
            Differ(MigrationMismatchKind.NicPciPath, $"{path}.pci_path", a.PciPath, b.PciPath);
            Differ(MigrationMismatchKind.NicBackendName, $"{path}.backend_id", a.BackendKey, b.BackendKey);
        });
        CompareCollection("serial_ports", source.SerialPorts, target.SerialPorts, found, (path, a, b) =>
        {
            Differ(MigrationMismatchKind.SerialPortNumber, $"{path}.num", a.Num, b.Num);
            Differ(MigrationMismatchKind.SerialPortDevice, $"{path}.device", a.Device, b.Device);
        });
        CompareCollection("pci_pci_bridges", source.PciPciBridges, target.PciPciBridges, found, (path, a, b) =>
        {
            Differ(MigrationMismatchKind.BridgePciPath, $"{path}.pci_path", a.PciPath, b.PciPath);
            Differ(MigrationMismatchKind.BridgeDownstreamBus, $"{path}.downstream_bus", a.DownstreamBus, b.DownstreamBus);
        });

        switch (source.Pvpanic, target.Pvpanic)
        {
            case ({ } a, { } b):
                Differ(MigrationMismatchKind.PvpanicName, "pvpanic.name", a.Key, b.Key);
                Differ(MigrationMismatchKind.PvpanicEnableIsa, "pvpanic.enable_isa", a.Value.EnableIsa, b.Value.EnableIsa);
                break;
            case (var a, var b) when a is null != b is null:
                found.Add(new MigrationMismatch(MigrationMismatchKind.PvpanicPresence, "pvpanic", a?.Key.ToString(), b?.Key.ToString()));
                break;
        }

        if (source.SoftNpu.IsPresent || target.SoftNpu.IsPresent)
        {
            found.Add(new MigrationMismatch(MigrationMismatchKind.SoftNpu, "softnpu", source.SoftNpu.IsPresent ? "present" : null, target.SoftNpu.IsPresent ? "present" : null));
        }

        return found;
    }

    private static void CompareCpuid(CpuidSet source, CpuidSet target, List<MigrationMismatch> found)
    {
        if (source.Vendor != target.Vendor)
        {
            found.Add(new MigrationMismatch(MigrationMismatchKind.CpuidVendor, "board.cpuid.vendor", Text(source.Vendor), Text(target.Vendor)));
        }

        var a = source.Entries.ToDictionary(e => (e.Leaf, e.Subleaf));
        var b = target.Entries.ToDictionary(e => (e.Leaf, e.Subleaf));
        foreach (var key in a.Keys.Union(b.Keys).OrderBy(k => k.Leaf).ThenBy(k => k.Subleaf.HasValue).ThenBy(k => k.Subleaf))
        {
            var path = $"board.cpuid.entries[{LeafText(key.Leaf, key.Subleaf)}]";
            var inSource = a.TryGetValue(key, out var x);
            var inTarget = b.TryGetValue(key, out var y);
            if (inSource != inTarget)
            {
                found.Add(new MigrationMismatch(MigrationMismatchKind.CpuidLeafSet, path, inSource ? "present" : null, inTarget ? "present" : null));
            }
            else if (x != y)
            {
                found.Add(new MigrationMismatch(MigrationMismatchKind.CpuidValues, path, Registers(x!), Registers(y!)));
            }
        }
    }

    private static void CompareCollection<T>(string name, ComponentMap<T> source, ComponentMap<T> target, List<MigrationMismatch> found, Action<string, T, T> compare)
        where T : notnull
    {
        if (source.Count != target.Count)
        {
            found.Add(new MigrationMismatch(MigrationMismatchKind.CollectionLength, name, Text(source.Count), Text(target.Count)));
        }

        foreach (var (key, value) in source)
        {
            var path = $"{name}['{key}']";
            if (target.TryGetValue(key, out var other))
            {
                compare(path, value, other);
            }
            else
            {
                found.Add(new MigrationMismatch(MigrationMismatchKind.CollectionKeyAbsent, path, "present", null));
            }
        }

        foreach (var key in target.Keys.Where(k => !source.ContainsKey(k)))
        {
            found.Add(new MigrationMismatch(MigrationMismatchKind.CollectionKeyAbsent, $"{name}['{key}']", null, "present"));
        }
    }

    private static string Interface(DiskDevice device) => device is DiskDevice.Nvme ? "nvme" : "virtio";

    private static string BackendKind(StorageBackend backend) => backend switch
    {
        StorageBackend.Crucible => "crucible",
        StorageBackend.File => "file",
        _ => "blob",
    };

    private static string LeafText(uint leaf, uint? subleaf) =>
        subleaf is { } s ? string.Create(CultureInfo.InvariantCulture, $"0x{leaf:X}/{s}") : string.Create(CultureInfo.InvariantCulture, $"0x{leaf:X}");

    private static string Registers(CpuidEntry e) =>
        string.Create(CultureInfo.InvariantCulture, $"eax={e.Eax:X8} ebx={e.Ebx:X8} ecx={e.Ecx:X8} edx={e.Edx:X8}");

    private static string? Text<T>(T value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
