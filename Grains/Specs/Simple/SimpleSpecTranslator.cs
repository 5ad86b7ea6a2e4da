using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Simple;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// Turns a simple create request into a spec through <see cref="SpecBuilder"/>, naming and placing
/// components exactly as Nexus does (backend = object id, device = <c>&lt;id&gt;:device</c>,
/// NIC slot s at 0.(8+s).0, disk slot s at 0.(16+s).0, cloud-init at 0.24.0, COM1-4, pvpanic).
/// </summary>
public static class SimpleSpecTranslator
{
    public const string BootSettingsKey = "boot-settings";
    public const string PvpanicKey = "pvpanic";
    public const string CloudInitDeviceKey = "cloud-init-dev";
    public const string CloudInitBackendKey = "cloud-init-backend";

    private static readonly (string Key, SerialPortNumber Num)[] SerialPorts =
        [("com1", SerialPortNumber.Com1), ("com2", SerialPortNumber.Com2), ("com3", SerialPortNumber.Com3), ("com4", SerialPortNumber.Com4)];

    /// <summary>Nexus' legacy slot map; null for a slot it does not have.</summary>
    public static PciPath? NicSlotToPci(int slot) => slot is >= 0 and < 8 ? new PciPath(0, (byte)(8 + slot), 0) : null;

    /// <summary>Nexus' legacy slot map for disks (0-7).</summary>
    public static PciPath? DiskSlotToPci(int slot) => slot is >= 0 and < 8 ? new PciPath(0, (byte)(16 + slot), 0) : null;

    /// <summary>The cloud-init disk's fixed address (slot 0 of its own range).</summary>
    public static PciPath CloudInitPci { get; } = new(0, 24, 0);

    /// <summary>The device key Nexus derives from an object id.</summary>
    public static SpecKey DeviceKey(Guid id) => SpecKey.Parse($"{id:D}:device");

    public static SpecParseResult Translate(SimpleInstanceRequest request, SpecValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var builder = SpecBuilder.Create(request.Ncpus, request.MemoryMib, enablePcie: false, GuestHypervisorInterface.Bhyve.Instance, null, options, out var boardErrors);
        if (builder is null)
        {
            return new SpecParseResult.Rejected(boardErrors);
        }

        var errors = new List<SpecError>();
        void Record(SpecError? error)
        {
            if (error is not null)
            {
                errors.Add(error);
            }
        }

        foreach (var (key, num) in SerialPorts)
        {
            Record(builder.AddSerialPort(key, num));
        }

        Record(builder.AddPvpanic(PvpanicKey, new QemuPvpanic { EnableIsa = true }));

        foreach (var disk in request.Disks)
        {
            var deviceKey = DeviceKey(disk.Id);
            if (DiskSlotToPci(disk.Slot) is not { } path)
            {
                Record(new PciSlotInvalid(disk.Slot, "disk", deviceKey));
                continue;
            }

            StorageBackend backend = disk.Backing switch
            {
                SimpleDiskBacking.Crucible crucible => new StorageBackend.Crucible(crucible.RequestJson, disk.ReadOnly),
                SimpleDiskBacking.File file => new StorageBackend.File(file.Path, disk.ReadOnly, file.BlockSize, null),
                _ => throw new ArgumentException($"disk {disk.Name} has no backing", nameof(request)),
            };
            var device = new DiskDevice.Nvme(path, NvmeSerialNumber.ZeroPaddedFrom(disk.Name), HasWriteCache: true);
            Record(builder.AddDisk(deviceKey, device, SpecKey.FromUuid(disk.Id), backend));
        }

        foreach (var nic in request.Nics)
        {
            var deviceKey = DeviceKey(nic.Id);
            if (NicSlotToPci(nic.Slot) is not { } path)
            {
                Record(new PciSlotInvalid(nic.Slot, "network interface", deviceKey));
                continue;
            }

            Record(builder.AddNic(deviceKey, nic.Id, path, SpecKey.FromUuid(nic.Id), new VirtioNetworkBackend { VnicName = nic.VnicName }));
        }

        if (request.CloudInitBase64 is { } cloudInit)
        {
            Record(builder.AddDisk(CloudInitDeviceKey, new DiskDevice.Virtio(CloudInitPci), CloudInitBackendKey, new StorageBackend.Blob(cloudInit, Readonly: true)));
        }

        if (request.BootDisk is { } bootDisk)
        {
            var disk = request.Disks.FirstOrDefault(d => string.Equals(d.Name, bootDisk, StringComparison.Ordinal));
            Record(builder.SetBootOrder(BootSettingsKey, [disk is null ? SpecKey.Parse(bootDisk) : DeviceKey(disk.Id)]));
        }

        return errors.Count > 0 ? new SpecParseResult.Rejected(errors) : builder.Build();
    }
}
