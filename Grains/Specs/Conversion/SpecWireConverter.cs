using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// Internal spec to latest wire spec. Never fails: the builder guarantees unique names, so every
/// internal item lands under its own key. Wire to internal to wire is the identity apart from the
/// normalisations listed in Grains/Specs/README.md (CPUID filled in and sorted, UUID keys lowercase...).
/// </summary>
public static class SpecWireConverter
{
    public static InstanceSpec ToWire(Spec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var components = new List<KeyValuePair<SpecKey, IComponent>>();
        void Add(SpecKey key, IComponent component) => components.Add(KeyValuePair.Create(key, component));

        foreach (var (key, disk) in spec.Disks)
        {
            Add(key, disk.Device switch
            {
                DiskDevice.Nvme nvme => new NvmeDisk { BackendId = disk.BackendKey, PciPath = nvme.PciPath, SerialNumber = nvme.SerialNumber, HasWriteCache = nvme.HasWriteCache },
                _ => (IComponent)new VirtioDisk { BackendId = disk.BackendKey, PciPath = disk.Device.PciPath },
            });
            Add(disk.BackendKey, disk.Backend switch
            {
                StorageBackend.Crucible c => new CrucibleStorageBackend { RequestJson = c.RequestJson, Readonly = c.Readonly },
                StorageBackend.Blob b => new BlobStorageBackend { Base64 = b.Base64, Readonly = b.Readonly },
                StorageBackend.File f => (IComponent)new FileStorageBackend { Path = f.Path, Readonly = f.Readonly, BlockSize = f.BlockSize, Workers = f.Workers },
                _ => throw new InvalidOperationException("unreachable: unknown storage backend"),
            });
        }

        foreach (var (key, nic) in spec.Nics)
        {
            Add(key, new VirtioNic { BackendId = nic.BackendKey, InterfaceId = nic.InterfaceId, PciPath = nic.PciPath });
            Add(nic.BackendKey, nic.Backend);
        }

        // SoftNPU's COM4 claim is implied by its PCI port, not a component of its own.
        foreach (var (key, port) in spec.SerialPorts.Where(p => p.Value.Device == SerialPortDevice.Uart))
        {
            Add(key, new SerialPort { Num = port.Num });
        }

        foreach (var (key, bridge) in spec.PciPciBridges)
        {
            Add(key, bridge);
        }

        if (spec.BootOrder is { } boot)
        {
            Add(boot.Key, new BootSettings { Order = ValueList.From(boot.Value.Select(id => new BootOrderEntry { Id = id })) });
        }

        if (spec.Pvpanic is { } pvpanic)
        {
            Add(pvpanic.Key, pvpanic.Value);
        }

        if (spec.Vsock is { } vsock)
        {
            Add(vsock.Key, new VirtioSocket { GuestCid = vsock.Value.GuestCid, PciPath = vsock.Value.PciPath });
        }

        if (spec.MigrationFailureInjector is { } injector)
        {
            Add(injector.Key, injector.Value);
        }

        var softNpu = spec.SoftNpu;
        if (softNpu.PciPort is { } pciPort)
        {
            Add(pciPort.Key, pciPort.Value);
        }

        foreach (var (key, port) in softNpu.Ports)
        {
            Add(key, new SoftNpuPort { LinkName = port.LinkName, BackendId = port.BackendKey });
            Add(port.BackendKey, port.Backend);
        }

        if (softNpu.P9 is { } p9)
        {
            Add(p9.Key, p9.Value);
        }

        if (softNpu.P9fs is { } p9fs)
        {
            Add(p9fs.Key, p9fs.Value);
        }

        return new InstanceSpec
        {
            Board = new Board
            {
                Cpus = spec.Board.Cpus,
                MemoryMb = spec.Board.MemoryMib,
                Chipset = new I440Fx { EnablePcie = spec.Board.EnablePcie },
                GuestHvInterface = spec.Board.GuestHvInterface,
                Cpuid = spec.Cpuid.ToWire(),
            },
            Components = ComponentMap<IComponent>.Create(components),
            Smbios = spec.Smbios,
        };
    }
}
