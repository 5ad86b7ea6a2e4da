using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using ControlPlane.Grains.Abstractions.Specs.V1;
using ControlPlane.Grains.Abstractions.Specs.V2;

namespace ControlPlane.Grains.Abstractions.Specs.Json;

/// <summary>
/// Reads wire specs from parsed JSON with Propolis' strictness and more: duplicate keys, unknown
/// fields (where Propolis denies them), out-of-range numbers and unknown tags all fail with a path.
/// </summary>
internal static class WireSpecReader
{
    private static readonly string[] SpecV1Fields = ["board", "components"];
    private static readonly string[] SpecFields = ["board", "components", "smbios"];
    private static readonly string[] VersionedFields = ["version", "spec"];
    private static readonly string[] BoardFields = ["cpus", "memory_mb", "chipset", "guest_hv_interface", "cpuid"];
    private static readonly string[] TypeValueFields = ["type", "value"];
    private static readonly string[] EnablePcieFields = ["enable_pcie"];
    private static readonly string[] FeaturesFields = ["features"];
    private static readonly string[] CpuidFields = ["entries", "vendor"];
    private static readonly string[] CpuidEntryFields = ["leaf", "subleaf", "eax", "ebx", "ecx", "edx"];
    private static readonly string[] SmbiosFields = ["manufacturer", "product_name", "serial_number", "version"];
    private static readonly string[] EnvelopeFields = ["type", "component"];
    private static readonly string[] PciPathFields = ["bus", "device", "function"];
    private static readonly string[] BootOrderEntryFields = ["id"];
    private static readonly string[] NvmeDiskV6Fields = ["backend_id", "pci_path", "serial_number", "has_write_cache"];
    private static readonly string[] ReplacementFields = ["component", "spec"];

    private static readonly FrozenDictionary<string, bool> ChipsetTags = new Dictionary<string, bool> { ["i440_fx"] = true }.ToFrozenDictionary();
    private static readonly FrozenDictionary<string, bool> HvTags = new Dictionary<string, bool> { ["bhyve"] = false, ["hyper_v"] = true }.ToFrozenDictionary();
    private static readonly FrozenDictionary<string, HyperVFeatureFlag> HvFeatures =
        new Dictionary<string, HyperVFeatureFlag> { ["reference_tsc"] = HyperVFeatureFlag.ReferenceTsc }.ToFrozenDictionary();
    private static readonly FrozenDictionary<string, CpuidVendor> Vendors =
        new Dictionary<string, CpuidVendor> { ["amd"] = CpuidVendor.Amd, ["intel"] = CpuidVendor.Intel }.ToFrozenDictionary();
    private static readonly FrozenDictionary<string, string> VersionTags = new Dictionary<string, string> { [VersionedInstanceSpec.V0] = VersionedInstanceSpec.V0 }.ToFrozenDictionary();
    private static readonly FrozenDictionary<string, ComponentKind> ReplacementTags = new Dictionary<string, ComponentKind>
    {
        ["CrucibleStorageBackend"] = ComponentKind.CrucibleStorageBackend,
        ["VirtioNetworkBackend"] = ComponentKind.VirtioNetworkBackend,
        ["MigrationFailureInjector"] = ComponentKind.MigrationFailureInjector,
    }.ToFrozenDictionary();

    public static V6.InstanceSpec ReadV6(JsonElement element, string path)
    {
        var fields = JsonFields.Open(element, path, SpecFields, rejectUnknown: false);
        return new V6.InstanceSpec
        {
            Board = ReadBoard(fields.Required("board"), fields.ChildPath("board")),
            Components = ReadComponents(fields.Required("components"), fields.ChildPath("components"), apiVersion: V6.InstanceSpec.ApiVersion, c => (V6.IComponent)c),
            Smbios = ReadSmbios(fields),
        };
    }

    public static V3.InstanceSpec ReadV3(JsonElement element, string path)
    {
        var fields = JsonFields.Open(element, path, SpecFields, rejectUnknown: false);
        return new V3.InstanceSpec
        {
            Board = ReadBoard(fields.Required("board"), fields.ChildPath("board")),
            Components = ReadComponents(fields.Required("components"), fields.ChildPath("components"), apiVersion: 3, c => (V3.IComponent)c),
            Smbios = ReadSmbios(fields),
        };
    }

    public static V2.InstanceSpec ReadV2(JsonElement element, string path)
    {
        var fields = JsonFields.Open(element, path, SpecFields, rejectUnknown: false);
        return new V2.InstanceSpec
        {
            Board = ReadBoard(fields.Required("board"), fields.ChildPath("board")),
            Components = ReadComponents(fields.Required("components"), fields.ChildPath("components"), apiVersion: 2, c => (V1.IComponent)c),
            Smbios = ReadSmbios(fields),
        };
    }

    public static InstanceSpecV0 ReadV1(JsonElement element, string path)
    {
        var fields = JsonFields.Open(element, path, SpecV1Fields);
        return new InstanceSpecV0
        {
            Board = ReadBoard(fields.Required("board"), fields.ChildPath("board")),
            Components = ReadComponents(fields.Required("components"), fields.ChildPath("components"), apiVersion: 1, c => (V1.IComponent)c),
        };
    }

    public static VersionedInstanceSpec ReadVersioned(JsonElement element, string path)
    {
        var fields = JsonFields.Open(element, path, VersionedFields);
        JsonValues.Tag(fields.Required("version"), fields.ChildPath("version"), VersionTags);
        return new VersionedInstanceSpec { Spec = ReadV1(fields.Required("spec"), fields.ChildPath("spec")) };
    }

    public static ComponentMap<ReplacementComponent> ReadReplacements(JsonElement element, string path)
    {
        JsonValues.Expect(element, JsonValueKind.Object, path, "an object");
        var entries = new Dictionary<SpecKey, ReplacementComponent>();
        foreach (var property in element.EnumerateObject())
        {
            var key = SpecKey.Parse(property.Name);
            var entryPath = JsonValues.Key(path, property.Name);
            if (entries.ContainsKey(key))
            {
                throw new WireFormatException(WireFormatErrorKind.DuplicateKey, entryPath, $"duplicate replacement key `{property.Name}`", key);
            }

            try
            {
                entries.Add(key, ReadReplacement(property.Value, entryPath));
            }
            catch (WireFormatException e)
            {
                throw e.WithComponent(key);
            }
        }

        return ComponentMap<ReplacementComponent>.Create(entries);
    }

    private static ReplacementComponent ReadReplacement(JsonElement element, string path)
    {
        var fields = JsonFields.Open(element, path, ReplacementFields);
        var kind = JsonValues.Tag(fields.Required("component"), fields.ChildPath("component"), ReplacementTags);
        var spec = fields.Required("spec");
        var specPath = fields.ChildPath("spec");
        return ReadComponentBody(kind, spec, specPath, apiVersion: 1) switch
        {
            CrucibleStorageBackend crucible => new ReplacementComponent.CrucibleBackend(crucible),
            VirtioNetworkBackend viona => new ReplacementComponent.VirtioNetworkBackendReplacement(viona),
            MigrationFailureInjector injector => new ReplacementComponent.FailureInjector(injector),
            _ => throw new InvalidOperationException("unreachable: replacement tags name only these kinds"),
        };
    }

    private static SmbiosType1Input? ReadSmbios(JsonFields fields)
    {
        if (fields.OptionalNonNull("smbios") is not { } element)
        {
            return null;
        }

        var smbios = JsonFields.Open(element, fields.ChildPath("smbios"), SmbiosFields);
        return new SmbiosType1Input
        {
            Manufacturer = JsonValues.String(smbios.Required("manufacturer"), smbios.ChildPath("manufacturer")),
            ProductName = JsonValues.String(smbios.Required("product_name"), smbios.ChildPath("product_name")),
            SerialNumber = JsonValues.String(smbios.Required("serial_number"), smbios.ChildPath("serial_number")),
            Version = JsonValues.U64(smbios.Required("version"), smbios.ChildPath("version")),
        };
    }

    private static Board ReadBoard(JsonElement element, string path)
    {
        var fields = JsonFields.Open(element, path, BoardFields);
        var hv = fields.Optional("guest_hv_interface");
        var cpuid = fields.OptionalNonNull("cpuid");
        return new Board
        {
            Cpus = JsonValues.U8(fields.Required("cpus"), fields.ChildPath("cpus")),
            MemoryMb = JsonValues.U64(fields.Required("memory_mb"), fields.ChildPath("memory_mb")),
            Chipset = ReadChipset(fields.Required("chipset"), fields.ChildPath("chipset")),
            GuestHvInterface = hv is { } h ? ReadHypervisorInterface(h, fields.ChildPath("guest_hv_interface")) : GuestHypervisorInterface.Bhyve.Instance,
            Cpuid = cpuid is { } c ? ReadCpuid(c, fields.ChildPath("cpuid")) : null,
        };
    }

    private static I440Fx ReadChipset(JsonElement element, string path)
    {
        var fields = JsonFields.Open(element, path, TypeValueFields);
        JsonValues.Tag(fields.Required("type"), fields.ChildPath("type"), ChipsetTags);
        var value = JsonFields.Open(fields.Required("value"), fields.ChildPath("value"), EnablePcieFields);
        return new I440Fx { EnablePcie = JsonValues.Bool(value.Required("enable_pcie"), value.ChildPath("enable_pcie")) };
    }

    private static GuestHypervisorInterface ReadHypervisorInterface(JsonElement element, string path)
    {
        var fields = JsonFields.Open(element, path, TypeValueFields);
        var isHyperV = JsonValues.Tag(fields.Required("type"), fields.ChildPath("type"), HvTags);
        if (!isHyperV)
        {
            // A unit variant: serde accepts the content absent or null.
            if (fields.OptionalNonNull("value") is not null)
            {
                throw new WireFormatException(WireFormatErrorKind.UnknownField, fields.ChildPath("value"), "`bhyve` takes no value");
            }

            return GuestHypervisorInterface.Bhyve.Instance;
        }

        var value = JsonFields.Open(fields.Required("value"), fields.ChildPath("value"), FeaturesFields);
        var featuresPath = value.ChildPath("features");
        var array = value.Required("features");
        JsonValues.Expect(array, JsonValueKind.Array, featuresPath, "an array");
        var features = new SortedSet<HyperVFeatureFlag>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemPath = JsonValues.Index(featuresPath, index++);
            if (!features.Add(JsonValues.Tag(item, itemPath, HvFeatures)))
            {
                throw new WireFormatException(WireFormatErrorKind.DuplicateKey, itemPath, "duplicate Hyper-V feature in a set");
            }
        }

        return new GuestHypervisorInterface.HyperV { Features = ValueList.From(features) };
    }

    private static Cpuid ReadCpuid(JsonElement element, string path)
    {
        var fields = JsonFields.Open(element, path, CpuidFields);
        var entriesPath = fields.ChildPath("entries");
        var array = fields.Required("entries");
        JsonValues.Expect(array, JsonValueKind.Array, entriesPath, "an array");
        var entries = ImmutableArray.CreateBuilder<CpuidEntry>(array.GetArrayLength());
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var entry = JsonFields.Open(item, JsonValues.Index(entriesPath, index++), CpuidEntryFields);
            entries.Add(new CpuidEntry
            {
                Leaf = JsonValues.U32(entry.Required("leaf"), entry.ChildPath("leaf")),
                Subleaf = entry.OptionalNonNull("subleaf") is { } subleaf ? JsonValues.U32(subleaf, entry.ChildPath("subleaf")) : null,
                Eax = JsonValues.U32(entry.Required("eax"), entry.ChildPath("eax")),
                Ebx = JsonValues.U32(entry.Required("ebx"), entry.ChildPath("ebx")),
                Ecx = JsonValues.U32(entry.Required("ecx"), entry.ChildPath("ecx")),
                Edx = JsonValues.U32(entry.Required("edx"), entry.ChildPath("edx")),
            });
        }

        return new Cpuid
        {
            Entries = new ValueList<CpuidEntry>(entries.MoveToImmutable()),
            Vendor = JsonValues.Tag(fields.Required("vendor"), fields.ChildPath("vendor"), Vendors),
        };
    }

    private static ComponentMap<T> ReadComponents<T>(JsonElement element, string path, int apiVersion, Func<object, T> cast)
        where T : notnull
    {
        JsonValues.Expect(element, JsonValueKind.Object, path, "an object");
        var entries = new Dictionary<SpecKey, (string RawKey, T Component)>();
        foreach (var property in element.EnumerateObject())
        {
            var rawKey = property.Name;
            var key = SpecKey.Parse(rawKey);
            var entryPath = JsonValues.Key(path, rawKey);
            if (entries.TryGetValue(key, out var earlier))
            {
                var detail = earlier.RawKey == rawKey
                    ? $"duplicate component key `{rawKey}`"
                    : $"component keys `{earlier.RawKey}` and `{rawKey}` denote the same UUID";
                throw new WireFormatException(WireFormatErrorKind.DuplicateKey, entryPath, detail, key);
            }

            try
            {
                entries.Add(key, (rawKey, cast(ReadComponent(property.Value, entryPath, apiVersion))));
            }
            catch (WireFormatException e)
            {
                throw e.WithComponent(key);
            }
        }

        return ComponentMap<T>.Create(entries.Select(e => KeyValuePair.Create(e.Key, e.Value.Component)));
    }

    private static object ReadComponent(JsonElement element, string path, int apiVersion)
    {
        var fields = JsonFields.Open(element, path, EnvelopeFields);
        var typePath = fields.ChildPath("type");
        var tag = JsonValues.String(fields.Required("type"), typePath);
        if (!ComponentKinds.TryFromWireTag(tag, out var kind) || kind.IntroducedInApiVersion() > apiVersion)
        {
            throw new WireFormatException(WireFormatErrorKind.UnknownVariant, typePath, $"unknown component type `{tag}` in API version {apiVersion}");
        }

        return ReadComponentBody(kind, fields.Required("component"), fields.ChildPath("component"), apiVersion);
    }

    /// <summary>One component record: a version 1 record, <see cref="V3.VirtioSocket"/>, or from version 6 on <see cref="V6.NvmeDisk"/>.</summary>
    private static object ReadComponentBody(ComponentKind kind, JsonElement element, string path, int apiVersion)
    {
        var nvmeV6 = kind == ComponentKind.NvmeDisk && apiVersion >= V6.InstanceSpec.ApiVersion;
        var f = JsonFields.Open(element, path, nvmeV6 ? NvmeDiskV6Fields : ComponentFields.Of(kind));
        if (nvmeV6)
        {
            return new V6.NvmeDisk { BackendId = Key(f, "backend_id"), PciPath = Pci(f, "pci_path"), SerialNumber = Serial(f, "serial_number"), HasWriteCache = Bool(f, "has_write_cache") };
        }

        return kind switch
        {
            ComponentKind.VirtioDisk => new VirtioDisk { BackendId = Key(f, "backend_id"), PciPath = Pci(f, "pci_path") },
            ComponentKind.NvmeDisk => new NvmeDisk { BackendId = Key(f, "backend_id"), PciPath = Pci(f, "pci_path"), SerialNumber = Serial(f, "serial_number") },
            ComponentKind.VirtioNic => new VirtioNic
            {
                BackendId = Key(f, "backend_id"),
                InterfaceId = JsonValues.Uuid(f.Required("interface_id"), f.ChildPath("interface_id")),
                PciPath = Pci(f, "pci_path"),
            },
            ComponentKind.SerialPort => new SerialPort { Num = JsonValues.Tag(f.Required("num"), f.ChildPath("num"), SerialPorts) },
            ComponentKind.PciPciBridge => new PciPciBridge { DownstreamBus = JsonValues.U8(f.Required("downstream_bus"), f.ChildPath("downstream_bus")), PciPath = Pci(f, "pci_path") },
            ComponentKind.QemuPvpanic => new QemuPvpanic { EnableIsa = Bool(f, "enable_isa") },
            ComponentKind.BootSettings => new BootSettings { Order = BootOrder(f) },
            ComponentKind.VirtioSocket => new V3.VirtioSocket { GuestCid = JsonValues.U64(f.Required("guest_cid"), f.ChildPath("guest_cid")), PciPath = Pci(f, "pci_path") },
            ComponentKind.SoftNpuPciPort => new SoftNpuPciPort { PciPath = Pci(f, "pci_path") },
            ComponentKind.SoftNpuPort => new SoftNpuPort { LinkName = Str(f, "link_name"), BackendId = Key(f, "backend_id") },
            ComponentKind.SoftNpuP9 => new SoftNpuP9 { PciPath = Pci(f, "pci_path") },
            ComponentKind.P9fs => new P9fs
            {
                Source = Str(f, "source"),
                Target = Str(f, "target"),
                ChunkSize = JsonValues.U32(f.Required("chunk_size"), f.ChildPath("chunk_size")),
                PciPath = Pci(f, "pci_path"),
            },
            ComponentKind.MigrationFailureInjector => new MigrationFailureInjector
            {
                FailExports = JsonValues.U32(f.Required("fail_exports"), f.ChildPath("fail_exports")),
                FailImports = JsonValues.U32(f.Required("fail_imports"), f.ChildPath("fail_imports")),
            },
            ComponentKind.CrucibleStorageBackend => new CrucibleStorageBackend { RequestJson = Str(f, "request_json"), Readonly = Bool(f, "readonly") },
            ComponentKind.FileStorageBackend => new FileStorageBackend
            {
                Path = Str(f, "path"),
                Readonly = Bool(f, "readonly"),
                BlockSize = JsonValues.U32(f.Required("block_size"), f.ChildPath("block_size")),
                Workers = Workers(f),
            },
            ComponentKind.BlobStorageBackend => new BlobStorageBackend { Base64 = Str(f, "base64"), Readonly = Bool(f, "readonly") },
            ComponentKind.VirtioNetworkBackend => new VirtioNetworkBackend { VnicName = Str(f, "vnic_name") },
            ComponentKind.DlpiNetworkBackend => new DlpiNetworkBackend { VnicName = Str(f, "vnic_name") },
            _ => throw new InvalidOperationException($"unreachable: unhandled component kind {kind}"),
        };
    }

    private static readonly FrozenDictionary<string, SerialPortNumber> SerialPorts = new Dictionary<string, SerialPortNumber>
    {
        ["com1"] = SerialPortNumber.Com1,
        ["com2"] = SerialPortNumber.Com2,
        ["com3"] = SerialPortNumber.Com3,
        ["com4"] = SerialPortNumber.Com4,
    }.ToFrozenDictionary();

    private static SpecKey Key(JsonFields f, string name) => JsonValues.SpecKey(f.Required(name), f.ChildPath(name));

    private static string Str(JsonFields f, string name) => JsonValues.String(f.Required(name), f.ChildPath(name));

    private static bool Bool(JsonFields f, string name) => JsonValues.Bool(f.Required(name), f.ChildPath(name));

    private static PciPath Pci(JsonFields f, string name)
    {
        var path = f.ChildPath(name);
        // Propolis reads a PciPath through a helper struct without deny_unknown_fields: extra fields are ignored (and not written back).
        var fields = JsonFields.Open(f.Required(name), path, PciPathFields, rejectUnknown: false);
        var bus = JsonValues.U8(fields.Required("bus"), fields.ChildPath("bus"));
        var device = JsonValues.U8(fields.Required("device"), fields.ChildPath("device"));
        var function = JsonValues.U8(fields.Required("function"), fields.ChildPath("function"));
        if (device >= PciPath.DeviceCount)
        {
            throw new WireFormatException(WireFormatErrorKind.NumberOutOfRange, fields.ChildPath("device"), $"PCI device {device} is out of range (0 to {PciPath.DeviceCount - 1})");
        }

        if (function >= PciPath.FunctionCount)
        {
            throw new WireFormatException(WireFormatErrorKind.NumberOutOfRange, fields.ChildPath("function"), $"PCI function {function} is out of range (0 to {PciPath.FunctionCount - 1})");
        }

        return new PciPath(bus, device, function);
    }

    private static NvmeSerialNumber Serial(JsonFields f, string name)
    {
        var path = f.ChildPath(name);
        var array = f.Required(name);
        JsonValues.Expect(array, JsonValueKind.Array, path, "an array of 20 bytes");
        var length = array.GetArrayLength();
        if (length != NvmeSerialNumber.Length)
        {
            throw new WireFormatException(WireFormatErrorKind.InvalidValue, path, $"an NVMe serial number has exactly {NvmeSerialNumber.Length} bytes, found {length}");
        }

        Span<byte> bytes = stackalloc byte[NvmeSerialNumber.Length];
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            bytes[index] = JsonValues.U8(item, JsonValues.Index(path, index));
            index++;
        }

        return new NvmeSerialNumber(bytes);
    }

    private static FileBackendWorkers? Workers(JsonFields f)
    {
        if (f.OptionalNonNull("workers") is not { } element)
        {
            return null;
        }

        var path = f.ChildPath("workers");
        // Rust's NonZeroUsize on the 64-bit hosts Propolis runs on: 1 to 2^64-1.
        var count = JsonValues.U64(element, path);
        return count == 0
            ? throw new WireFormatException(WireFormatErrorKind.InvalidValue, path, "workers must be at least 1 (NonZeroUsize)")
            : new FileBackendWorkers(count);
    }

    private static ValueList<BootOrderEntry> BootOrder(JsonFields f)
    {
        var path = f.ChildPath("order");
        var array = f.Required("order");
        JsonValues.Expect(array, JsonValueKind.Array, path, "an array");
        var entries = ImmutableArray.CreateBuilder<BootOrderEntry>(array.GetArrayLength());
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            // Propolis' BootOrderEntry has no deny_unknown_fields: extra fields are ignored (and not written back).
            var entry = JsonFields.Open(item, JsonValues.Index(path, index++), BootOrderEntryFields, rejectUnknown: false);
            entries.Add(new BootOrderEntry { Id = JsonValues.SpecKey(entry.Required("id"), entry.ChildPath("id")) });
        }

        return new ValueList<BootOrderEntry>(entries.MoveToImmutable());
    }
}
