using System.Buffers.Text;
using System.Text.Json;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.V2;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// The one way to make a <see cref="Spec"/>. Every entry point (the wire parser, the simple create
/// request, migration replacements) feeds components in here. Each Add either records the
/// component or returns the error and changes nothing; <see cref="Build"/> runs whole-spec checks.
/// </summary>
public sealed class SpecBuilder
{
    private static readonly PciPath[] ChipsetPaths = [new(0, 0, 0), new(0, 1, 0), new(0, 1, 3)];

    private readonly SpecValidationOptions options;
    private readonly SpecBoard board;
    private readonly CpuidSet cpuid;
    private readonly HashSet<SpecKey> names = [];
    private readonly Dictionary<PciPath, SpecKey> pciPaths = [];
    private readonly Dictionary<SerialPortNumber, SpecKey> serialPortOwners = [];
    private readonly Dictionary<Guid, SpecKey> crucibleVolumes = [];
    private readonly Dictionary<SpecKey, Disk> disks = [];
    private readonly Dictionary<SpecKey, Nic> nics = [];
    private readonly Dictionary<SpecKey, SerialPortAssignment> serialPorts = [];
    private readonly Dictionary<SpecKey, PciPciBridge> bridges = [];
    private readonly Dictionary<SpecKey, SoftNpuPortSpec> softNpuPorts = [];
    private KeyedComponent<ValueList<SpecKey>>? bootOrder;
    private KeyedComponent<QemuPvpanic>? pvpanic;
    private KeyedComponent<VsockDevice>? vsock;
    private KeyedComponent<MigrationFailureInjector>? failureInjector;
    private KeyedComponent<SoftNpuPciPort>? softNpuPciPort;
    private KeyedComponent<SoftNpuP9>? softNpuP9;
    private KeyedComponent<P9fs>? p9fs;
    private SmbiosType1Input? smbios;

    private SpecBuilder(SpecValidationOptions options, SpecBoard board, CpuidSet cpuid)
    {
        this.options = options;
        this.board = board;
        this.cpuid = cpuid;
    }

    /// <summary>
    /// Starts a spec from its board. A null <paramref name="explicitCpuid"/> takes the host defaults
    /// from <paramref name="options"/>. Returns null and the board's errors when the board is invalid.
    /// </summary>
    public static SpecBuilder? Create(
        int cpus,
        ulong memoryMib,
        bool enablePcie,
        GuestHypervisorInterface guestHvInterface,
        Cpuid? explicitCpuid,
        SpecValidationOptions options,
        out IReadOnlyList<SpecError> errors)
    {
        ArgumentNullException.ThrowIfNull(guestHvInterface);
        ArgumentNullException.ThrowIfNull(options);
        var found = new List<SpecError>();
        if (cpus < 1 || cpus > Math.Min(options.MaxCpus, byte.MaxValue))
        {
            found.Add(new CpuCountOutOfRange(cpus, Math.Min(options.MaxCpus, byte.MaxValue)));
        }

        if (memoryMib == 0)
        {
            found.Add(new MemorySizeInvalid(memoryMib));
        }

        var cpuid = options.HostCpuid;
        if (explicitCpuid is not null)
        {
            cpuid = CpuidSet.TryCreate(explicitCpuid, out var cpuidError)!;
            if (cpuidError is not null)
            {
                found.Add(cpuidError);
            }
        }

        errors = found;
        if (found.Count > 0)
        {
            return null;
        }

        var specBoard = new SpecBoard { Cpus = (byte)cpus, MemoryMib = memoryMib, EnablePcie = enablePcie, GuestHvInterface = guestHvInterface };
        return new SpecBuilder(options, specBoard, cpuid);
    }

    /// <summary>Starts a spec from a wire board.</summary>
    public static SpecBuilder? Create(Board board, SpecValidationOptions options, out IReadOnlyList<SpecError> errors)
    {
        ArgumentNullException.ThrowIfNull(board);
        return Create(board.Cpus, board.MemoryMb, board.Chipset.EnablePcie, board.GuestHvInterface, board.Cpuid, options, out errors);
    }

    /// <summary>Whether <paramref name="key"/> names a disk device added so far.</summary>
    public bool HasDisk(SpecKey key) => disks.ContainsKey(key);

    public SpecError? AddDisk(SpecKey key, DiskDevice device, SpecKey backendKey, StorageBackend backend)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(backendKey);
        ArgumentNullException.ThrowIfNull(backend);
        if (key == backendKey)
        {
            return new DeviceAndBackendNamesIdentical(key);
        }

        Guid? volumeId = null;
        var error = NameFree(key) ?? NameFree(backendKey) ?? PciFree(device.PciPath, key) ?? CheckStorage(backendKey, backend, out volumeId);
        if (error is not null)
        {
            return error;
        }

        names.Add(key);
        names.Add(backendKey);
        pciPaths.Add(device.PciPath, key);
        if (volumeId is { } id)
        {
            crucibleVolumes.Add(id, backendKey);
        }

        disks.Add(key, new Disk { Device = device, BackendKey = backendKey, Backend = backend });
        return null;
    }

    public SpecError? AddNic(SpecKey key, Guid interfaceId, PciPath pciPath, SpecKey backendKey, VirtioNetworkBackend backend)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(backendKey);
        ArgumentNullException.ThrowIfNull(backend);
        if (key == backendKey)
        {
            return new DeviceAndBackendNamesIdentical(key);
        }

        var error = NameFree(key) ?? NameFree(backendKey) ?? PciFree(pciPath, key);
        if (error is not null)
        {
            return error;
        }

        names.Add(key);
        names.Add(backendKey);
        pciPaths.Add(pciPath, key);
        nics.Add(key, new Nic { InterfaceId = interfaceId, PciPath = pciPath, BackendKey = backendKey, Backend = backend });
        return null;
    }

    public SpecError? AddSerialPort(SpecKey key, SerialPortNumber num)
    {
        ArgumentNullException.ThrowIfNull(key);
        var error = NameFree(key) ?? SerialPortFree(num, key);
        if (error is not null)
        {
            return error;
        }

        names.Add(key);
        serialPortOwners.Add(num, key);
        serialPorts.Add(key, new SerialPortAssignment(num, SerialPortDevice.Uart));
        return null;
    }

    public SpecError? AddPciPciBridge(SpecKey key, PciPciBridge bridge)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(bridge);
        var error = NameFree(key) ?? PciFree(bridge.PciPath, key);
        if (error is not null)
        {
            return error;
        }

        names.Add(key);
        pciPaths.Add(bridge.PciPath, key);
        bridges.Add(key, bridge);
        return null;
    }

    public SpecError? AddPvpanic(SpecKey key, QemuPvpanic device)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(device);
        var error = (pvpanic is { } existing ? new PvpanicInUse(key, existing.Key) : null) ?? NameFree(key);
        if (error is not null)
        {
            return error;
        }

        names.Add(key);
        pvpanic = new(key, device);
        return null;
    }

    /// <summary>Sets the boot order; call after every disk is added (entries must name disk devices).</summary>
    public SpecError? SetBootOrder(SpecKey key, IEnumerable<SpecKey> order)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(order);
        var entries = ValueList.From(order);
        var error = (bootOrder is { } existing ? new BootSettingsInUse(key, existing.Key) : null)
            ?? NameFree(key)
            ?? entries.Where(entry => !disks.ContainsKey(entry)).Select(entry => new BootOptionMissing(entry, key)).FirstOrDefault();
        if (error is not null)
        {
            return error;
        }

        names.Add(key);
        bootOrder = new(key, entries);
        return null;
    }

    public SpecError? AddVsock(SpecKey key, ulong guestCid, PciPath pciPath)
    {
        ArgumentNullException.ThrowIfNull(key);
        var error = (vsock is { } existing ? new VsockInUse(key, existing.Key) : null)
            ?? NameFree(key)
            ?? (guestCid is < VsockDevice.MinGuestCid or > VsockDevice.MaxGuestCid ? new VsockGuestCidInvalid(guestCid, key) : null)
            ?? PciFree(pciPath, key);
        if (error is not null)
        {
            return error;
        }

        names.Add(key);
        pciPaths.Add(pciPath, key);
        vsock = new(key, new VsockDevice { GuestCid = (uint)guestCid, PciPath = pciPath });
        return null;
    }

    public SpecError? AddMigrationFailureInjector(SpecKey key, MigrationFailureInjector injector)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(injector);
        var error = options.RejectIfDisabled(ComponentKind.MigrationFailureInjector, key)
            ?? (failureInjector is { } existing ? new MigrationFailureInjectionInUse(key, existing.Key) : null)
            ?? NameFree(key);
        if (error is not null)
        {
            return error;
        }

        names.Add(key);
        failureInjector = new(key, injector);
        return null;
    }

    /// <summary>Adds SoftNPU's PCI port, which also claims COM4 (checked in either order, unlike Propolis).</summary>
    public SpecError? AddSoftNpuPciPort(SpecKey key, SoftNpuPciPort port)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(port);
        var error = options.RejectIfDisabled(ComponentKind.SoftNpuPciPort, key)
            ?? (softNpuPciPort is { } existing ? new SoftNpuComponentInUse(ComponentKind.SoftNpuPciPort, key, existing.Key) : null)
            ?? NameFree(key)
            ?? PciFree(port.PciPath, key)
            ?? SerialPortFree(SerialPortNumber.Com4, key);
        if (error is not null)
        {
            return error;
        }

        names.Add(key);
        pciPaths.Add(port.PciPath, key);
        serialPortOwners.Add(SerialPortNumber.Com4, key);
        serialPorts.Add(key, new SerialPortAssignment(SerialPortNumber.Com4, SerialPortDevice.SoftNpu));
        softNpuPciPort = new(key, port);
        return null;
    }

    public SpecError? AddSoftNpuPort(SpecKey key, string linkName, SpecKey backendKey, DlpiNetworkBackend backend)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(linkName);
        ArgumentNullException.ThrowIfNull(backendKey);
        ArgumentNullException.ThrowIfNull(backend);
        var error = options.RejectIfDisabled(ComponentKind.SoftNpuPort, key)
            ?? (key == backendKey ? new DeviceAndBackendNamesIdentical(key) : null)
            ?? NameFree(key)
            ?? NameFree(backendKey);
        if (error is not null)
        {
            return error;
        }

        names.Add(key);
        names.Add(backendKey);
        softNpuPorts.Add(key, new SoftNpuPortSpec(linkName, backendKey, backend));
        return null;
    }

    public SpecError? AddSoftNpuP9(SpecKey key, SoftNpuP9 device)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(device);
        var error = options.RejectIfDisabled(ComponentKind.SoftNpuP9, key)
            ?? (softNpuP9 is { } existing ? new SoftNpuComponentInUse(ComponentKind.SoftNpuP9, key, existing.Key) : null)
            ?? NameFree(key)
            ?? PciFree(device.PciPath, key);
        if (error is not null)
        {
            return error;
        }

        names.Add(key);
        pciPaths.Add(device.PciPath, key);
        softNpuP9 = new(key, device);
        return null;
    }

    public SpecError? AddP9fs(SpecKey key, P9fs share)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(share);
        var error = options.RejectIfDisabled(ComponentKind.P9fs, key)
            ?? (p9fs is { } existing ? new SoftNpuComponentInUse(ComponentKind.P9fs, key, existing.Key) : null)
            ?? NameFree(key)
            ?? PciFree(share.PciPath, key);
        if (error is not null)
        {
            return error;
        }

        names.Add(key);
        pciPaths.Add(share.PciPath, key);
        p9fs = new(key, share);
        return null;
    }

    public void SetSmbios(SmbiosType1Input? input) => smbios = input;

    /// <summary>Runs the whole-spec checks (PCI bus topology, boot disks on the root bus, SoftNPU completeness) and makes the spec.</summary>
    public SpecParseResult Build()
    {
        var errors = new List<SpecError>();
        var buses = new Dictionary<byte, SpecKey>();
        foreach (var (key, bridge) in bridges.OrderBy(b => b.Key))
        {
            if (bridge.DownstreamBus == 0)
            {
                errors.Add(new PciBusInUse(0, key, null));
            }
            else if (!buses.TryAdd(bridge.DownstreamBus, key))
            {
                errors.Add(new PciBusInUse(bridge.DownstreamBus, key, buses[bridge.DownstreamBus]));
            }
        }

        foreach (var (path, key) in pciPaths.OrderBy(p => p.Value))
        {
            if (path.Bus != 0 && !buses.ContainsKey(path.Bus))
            {
                errors.Add(new PciBusNotFound(path, key));
            }
        }

        if (bootOrder is not null)
        {
            foreach (var entry in bootOrder.Value.Distinct())
            {
                var path = disks[entry].Device.PciPath;
                if (path.Bus != 0)
                {
                    errors.Add(new BootDeviceOnDownstreamBus(entry, path, bootOrder.Key));
                }
            }
        }

        // As Propolis' machine init: the P9 device is needed only once the PCI port has ports to serve; a port alone boots.
        if (softNpuPciPort is not null && softNpuPorts.Count > 0 && softNpuP9 is null)
        {
            errors.Add(new SoftNpuP9Missing(softNpuPciPort.Key));
        }

        if (errors.Count > 0)
        {
            return new SpecParseResult.Rejected(errors);
        }

        return new SpecParseResult.Accepted(new Spec
        {
            Board = board,
            Cpuid = cpuid,
            Disks = ComponentMap<Disk>.Create(disks),
            Nics = ComponentMap<Nic>.Create(nics),
            SerialPorts = ComponentMap<SerialPortAssignment>.Create(serialPorts),
            PciPciBridges = ComponentMap<PciPciBridge>.Create(bridges),
            BootOrder = bootOrder,
            Pvpanic = pvpanic,
            Vsock = vsock,
            MigrationFailureInjector = failureInjector,
            SoftNpu = softNpuPciPort is null && softNpuPorts.Count == 0 && softNpuP9 is null && p9fs is null
                ? SoftNpu.None
                : new SoftNpu { PciPort = softNpuPciPort, Ports = ComponentMap<SoftNpuPortSpec>.Create(softNpuPorts), P9 = softNpuP9, P9fs = p9fs },
            Smbios = smbios,
        });
    }

    private SpecError? NameFree(SpecKey key) => names.Contains(key) ? new ComponentNameInUse(key) : null;

    private SpecError? PciFree(PciPath path, SpecKey key)
    {
        if (Array.IndexOf(ChipsetPaths, path) >= 0)
        {
            return new PciPathReserved(path, key);
        }

        return pciPaths.TryGetValue(path, out var existing) ? new PciPathInUse(path, key, existing) : null;
    }

    private SpecError? SerialPortFree(SerialPortNumber num, SpecKey key) =>
        serialPortOwners.TryGetValue(num, out var existing) ? new SerialPortInUse(num, key, existing) : null;

    private SpecError? CheckStorage(SpecKey backendKey, StorageBackend backend, out Guid? volumeId)
    {
        volumeId = null;
        switch (backend)
        {
            case StorageBackend.Crucible crucible:
                if (!TryReadVolumeId(crucible.RequestJson, out volumeId))
                {
                    return new CrucibleRequestInvalid(backendKey);
                }

                return volumeId is { } id && crucibleVolumes.TryGetValue(id, out var existing)
                    ? new DuplicateCrucibleVolumeId(id, backendKey, existing)
                    : null;
            case StorageBackend.Blob blob:
                return Base64.IsValid(blob.Base64) ? null : new BlobBase64Invalid(backendKey);
            default:
                return null;
        }
    }

    /// <summary>A volume construction request must be a JSON object; its top-level <c>id</c>, when a UUID, names the volume.</summary>
    private static bool TryReadVolumeId(string requestJson, out Guid? volumeId)
    {
        volumeId = null;
        try
        {
            using var document = JsonDocument.Parse(requestJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String &&
                SpecKey.TryParseUuid(id.GetString() ?? string.Empty, out var uuid))
            {
                volumeId = uuid;
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
