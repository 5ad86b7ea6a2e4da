using System.Text;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Json;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// Converts an untrusted wire spec, once, into a <see cref="Spec"/> through <see cref="SpecBuilder"/>,
/// following Propolis' algorithm (devices in key order claim their backends, boot order, unused
/// backends, vsock, smbios) but reporting every error of a stage, each precisely typed.
/// </summary>
public sealed class WireSpecParser
{
    private const string StorageBackendKinds = "a crucible, file or blob storage backend";
    private const string VionaBackendKind = "a virtio_network_backend";
    private const string DlpiBackendKind = "a dlpi_network_backend";

    private readonly SpecValidationOptions options;

    public WireSpecParser(SpecValidationOptions options) => this.options = options ?? throw new ArgumentNullException(nameof(options));

    public SpecValidationOptions Options => options;

    /// <summary>Parses spec JSON in the shape of Propolis API version <paramref name="apiVersion"/> (1 to 6; 5 when unnamed).</summary>
    public SpecParseResult ParseJson(ReadOnlySpan<byte> utf8Json, int apiVersion = WireSpecJson.DefaultApiVersion)
    {
        InstanceSpec wire;
        try
        {
            wire = WireSpecJson.ReadAnyVersion(utf8Json, apiVersion);
        }
        catch (WireFormatException e)
        {
            return SpecParseResult.Reject(WireFormatError.From(e));
        }

        return Parse(wire);
    }

    public SpecParseResult ParseJson(string json, int apiVersion = WireSpecJson.DefaultApiVersion)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ParseJson(Encoding.UTF8.GetBytes(json), apiVersion);
    }

    /// <summary>Parses an already deserialized wire spec (every wire spec deserializes; not every one is valid).</summary>
    public SpecParseResult Parse(InstanceSpec wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        var builder = SpecBuilder.Create(wire.Board, options, out var boardErrors);
        if (builder is null)
        {
            return new SpecParseResult.Rejected(boardErrors);
        }

        return new Conversion(wire, builder, options).Run();
    }

    /// <summary>The state of one conversion: which backends are claimed, which errors were found.</summary>
    private sealed class Conversion(InstanceSpec wire, SpecBuilder builder, SpecValidationOptions options)
    {
        private readonly Dictionary<SpecKey, SpecKey> claimedBy = [];
        private readonly HashSet<SpecKey> referenced = [];
        private readonly HashSet<SpecKey> rejectedDevices = [];
        private readonly List<SpecError> errors = [];

        public SpecParseResult Run()
        {
            KeyedComponent<BootSettings>? bootSettings = null;
            var vsocks = new List<KeyValuePair<SpecKey, VirtioSocket>>();

            // Step 4: devices in key order (the component map iterates in SpecKey order).
            foreach (var (key, component) in wire.Components)
            {
                switch (component)
                {
                    case VirtioDisk disk:
                        AddDisk(key, disk.BackendId, new DiskDevice.Virtio(disk.PciPath));
                        break;
                    case NvmeDisk disk:
                        AddDisk(key, disk.BackendId, new DiskDevice.Nvme(disk.PciPath, disk.SerialNumber, disk.HasWriteCache));
                        break;
                    case VirtioNic nic:
                        if (Claim(key, nic.BackendId, k => k == ComponentKind.VirtioNetworkBackend, VionaBackendKind, storage: false) is VirtioNetworkBackend viona)
                        {
                            Record(builder.AddNic(key, nic.InterfaceId, nic.PciPath, nic.BackendId, viona));
                        }

                        break;
                    case SerialPort port:
                        Record(builder.AddSerialPort(key, port.Num));
                        break;
                    case PciPciBridge bridge:
                        Record(builder.AddPciPciBridge(key, bridge));
                        break;
                    case QemuPvpanic pvpanic:
                        Record(builder.AddPvpanic(key, pvpanic));
                        break;
                    case BootSettings boot:
                        // Applied after every disk exists (step 5); a second one is an error, not a silent replacement.
                        if (bootSettings is null)
                        {
                            bootSettings = new(key, boot);
                        }
                        else
                        {
                            Record(new BootSettingsInUse(key, bootSettings.Key));
                        }

                        break;
                    case VirtioSocket socket:
                        vsocks.Add(KeyValuePair.Create(key, socket));
                        break;
                    case SoftNpuPciPort port:
                        Record(builder.AddSoftNpuPciPort(key, port));
                        break;
                    case SoftNpuPort port:
                        AddSoftNpuPort(key, port);
                        break;
                    case SoftNpuP9 p9:
                        Record(builder.AddSoftNpuP9(key, p9));
                        break;
                    case P9fs share:
                        Record(builder.AddP9fs(key, share));
                        break;
                    case MigrationFailureInjector injector:
                        Record(builder.AddMigrationFailureInjector(key, injector));
                        break;
                    default:
                        // Backends: claimed by devices above, checked for use below.
                        break;
                }
            }

            // Step 5: boot order, once every disk exists. Entries naming a device already rejected
            // above are left out, so one mistake is not reported twice.
            if (bootSettings is not null)
            {
                var order = bootSettings.Value.Order.Select(entry => entry.Id).Where(id => !rejectedDevices.Contains(id));
                Record(builder.SetBootOrder(bootSettings.Key, order));
            }

            // Step 6: unused backends, storage then viona then DLPI, each in key order.
            ReportUnused(ComponentKinds.IsStorageBackend);
            ReportUnused(k => k == ComponentKind.VirtioNetworkBackend);
            ReportUnused(k => k == ComponentKind.DlpiNetworkBackend);

            // Step 7: vsock (after backend checks, so its PCI conflicts are reported last).
            foreach (var (key, socket) in vsocks)
            {
                Record(builder.AddVsock(key, socket.GuestCid, socket.PciPath));
            }

            // Step 8: smbios.
            builder.SetSmbios(wire.Smbios);

            return errors.Count > 0 ? new SpecParseResult.Rejected(errors) : builder.Build();
        }

        private void AddDisk(SpecKey key, SpecKey backendId, DiskDevice device)
        {
            var backend = Claim(key, backendId, ComponentKinds.IsStorageBackend, StorageBackendKinds, storage: true) switch
            {
                CrucibleStorageBackend c => new StorageBackend.Crucible(c.RequestJson, c.Readonly),
                FileStorageBackend f => new StorageBackend.File(f.Path, f.Readonly, f.BlockSize, f.Workers),
                BlobStorageBackend b => (StorageBackend)new StorageBackend.Blob(b.Base64, b.Readonly),
                _ => null,
            };
            if (backend is null)
            {
                rejectedDevices.Add(key);
                return;
            }

            if (builder.AddDisk(key, device, backendId, backend) is { } error)
            {
                rejectedDevices.Add(key);
                Record(error);
            }
        }

        private void AddSoftNpuPort(SpecKey key, SoftNpuPort port)
        {
            if (options.RejectIfDisabled(ComponentKind.SoftNpuPort, key) is { } disabled)
            {
                referenced.Add(port.BackendId);
                Record(disabled);
                return;
            }

            if (Claim(key, port.BackendId, k => k == ComponentKind.DlpiNetworkBackend, DlpiBackendKind, storage: false) is DlpiNetworkBackend dlpi)
            {
                Record(builder.AddSoftNpuPort(key, port.LinkName, port.BackendId, dlpi));
            }
        }

        /// <summary>Takes a device's backend out of the pool, or records why it cannot.</summary>
        private IComponent? Claim(SpecKey device, SpecKey backendId, Func<ComponentKind, bool> accepts, string expected, bool storage)
        {
            if (backendId == device)
            {
                Record(new DeviceAndBackendNamesIdentical(device));
                return null;
            }

            if (!wire.Components.TryGetValue(backendId, out var backend))
            {
                Record(storage ? new StorageBackendNotFound(backendId, device) : new NetworkBackendNotFound(backendId, device));
                return null;
            }

            referenced.Add(backendId);
            if (!accepts(backend.Kind))
            {
                Record(new BackendKindMismatch(backendId, device, backend.Kind, expected));
                return null;
            }

            if (!claimedBy.TryAdd(backendId, device))
            {
                Record(new BackendAlreadyClaimed(backendId, device, claimedBy[backendId]));
                return null;
            }

            return backend;
        }

        private void ReportUnused(Func<ComponentKind, bool> pool)
        {
            foreach (var (key, component) in wire.Components)
            {
                if (pool(component.Kind) && !referenced.Contains(key))
                {
                    Record(new BackendNotUsed(key));
                }
            }
        }

        private void Record(SpecError? error)
        {
            if (error is not null)
            {
                errors.Add(error);
            }
        }
    }
}
