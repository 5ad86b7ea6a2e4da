using System.Text.Json;
using ControlPlane.Grains.Abstractions.Specs.V1;
using ControlPlane.Grains.Abstractions.Specs.V2;

namespace ControlPlane.Grains.Abstractions.Specs.Json;

/// <summary>
/// Writes wire specs exactly as Propolis serializes them: snake_case, adjacently tagged components
/// in key order, default hypervisor interface and absent CPUID omitted, UUIDs lowercase.
/// </summary>
internal static class WireSpecWriter
{
    public static void WriteV6(Utf8JsonWriter writer, V6.InstanceSpec spec)
    {
        writer.WriteStartObject();
        WriteBoard(writer, spec.Board);
        WriteComponents(writer, spec.Components);
        WriteSmbios(writer, spec.Smbios);
        writer.WriteEndObject();
    }

    public static void WriteV3(Utf8JsonWriter writer, V3.InstanceSpec spec)
    {
        writer.WriteStartObject();
        WriteBoard(writer, spec.Board);
        WriteComponents(writer, spec.Components);
        WriteSmbios(writer, spec.Smbios);
        writer.WriteEndObject();
    }

    public static void WriteV2(Utf8JsonWriter writer, V2.InstanceSpec spec)
    {
        writer.WriteStartObject();
        WriteBoard(writer, spec.Board);
        WriteComponents(writer, spec.Components);
        WriteSmbios(writer, spec.Smbios);
        writer.WriteEndObject();
    }

    public static void WriteV1(Utf8JsonWriter writer, InstanceSpecV0 spec)
    {
        writer.WriteStartObject();
        WriteBoard(writer, spec.Board);
        WriteComponents(writer, spec.Components);
        writer.WriteEndObject();
    }

    public static void WriteVersioned(Utf8JsonWriter writer, VersionedInstanceSpec spec)
    {
        writer.WriteStartObject();
        writer.WriteString("version", VersionedInstanceSpec.V0);
        writer.WritePropertyName("spec");
        WriteV1(writer, spec.Spec);
        writer.WriteEndObject();
    }

    public static void WriteReplacements(Utf8JsonWriter writer, ComponentMap<ReplacementComponent> replacements)
    {
        writer.WriteStartObject();
        foreach (var (key, replacement) in replacements)
        {
            writer.WriteStartObject(key.ToString());
            writer.WriteString("component", replacement.Component.Kind switch
            {
                ComponentKind.CrucibleStorageBackend => "CrucibleStorageBackend",
                ComponentKind.VirtioNetworkBackend => "VirtioNetworkBackend",
                _ => "MigrationFailureInjector",
            });
            writer.WritePropertyName("spec");
            WriteComponentBody(writer, (V3.IComponent)replacement.Component);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteBoard(Utf8JsonWriter writer, Board board)
    {
        writer.WriteStartObject("board");
        writer.WriteNumber("cpus", board.Cpus);
        writer.WriteNumber("memory_mb", board.MemoryMb);
        writer.WriteStartObject("chipset");
        writer.WriteString("type", "i440_fx");
        writer.WriteStartObject("value");
        writer.WriteBoolean("enable_pcie", board.Chipset.EnablePcie);
        writer.WriteEndObject();
        writer.WriteEndObject();
        if (board.GuestHvInterface is GuestHypervisorInterface.HyperV hyperV)
        {
            writer.WriteStartObject("guest_hv_interface");
            writer.WriteString("type", "hyper_v");
            writer.WriteStartObject("value");
            writer.WriteStartArray("features");
            foreach (var feature in hyperV.Features)
            {
                writer.WriteStringValue(feature switch
                {
                    HyperVFeatureFlag.ReferenceTsc => "reference_tsc",
                    _ => throw new ArgumentOutOfRangeException(nameof(board), feature, "unknown Hyper-V feature"),
                });
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        if (board.Cpuid is { } cpuid)
        {
            writer.WriteStartObject("cpuid");
            writer.WriteStartArray("entries");
            foreach (var entry in cpuid.Entries)
            {
                writer.WriteStartObject();
                writer.WriteNumber("leaf", entry.Leaf);
                if (entry.Subleaf is { } subleaf)
                {
                    writer.WriteNumber("subleaf", subleaf);
                }
                else
                {
                    writer.WriteNull("subleaf");
                }

                writer.WriteNumber("eax", entry.Eax);
                writer.WriteNumber("ebx", entry.Ebx);
                writer.WriteNumber("ecx", entry.Ecx);
                writer.WriteNumber("edx", entry.Edx);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("vendor", cpuid.Vendor == CpuidVendor.Amd ? "amd" : "intel");
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteSmbios(Utf8JsonWriter writer, SmbiosType1Input? smbios)
    {
        if (smbios is null)
        {
            writer.WriteNull("smbios");
            return;
        }

        writer.WriteStartObject("smbios");
        writer.WriteString("manufacturer", smbios.Manufacturer);
        writer.WriteString("product_name", smbios.ProductName);
        writer.WriteString("serial_number", smbios.SerialNumber);
        writer.WriteNumber("version", smbios.Version);
        writer.WriteEndObject();
    }

    private static void WriteComponents<T>(Utf8JsonWriter writer, ComponentMap<T> components)
        where T : notnull
    {
        writer.WriteStartObject("components");
        foreach (var (key, component) in components)
        {
            var kind = component switch
            {
                V3.IComponent v3 => v3.Kind,
                V6.IComponent v6 => v6.Kind,
                _ => throw new ArgumentException($"component `{key}` is not a wire component record", nameof(components)),
            };
            writer.WriteStartObject(key.ToString());
            writer.WriteString("type", kind.WireTag());
            writer.WritePropertyName("component");
            WriteComponentBody(writer, component);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteComponentBody(Utf8JsonWriter w, object component)
    {
        w.WriteStartObject();
        switch (component)
        {
            case V6.NvmeDisk c:
                w.WriteString("backend_id", c.BackendId.ToString());
                Pci(w, c.PciPath);
                SerialNumber(w, c.SerialNumber);
                w.WriteBoolean("has_write_cache", c.HasWriteCache);
                break;
            case VirtioDisk c:
                w.WriteString("backend_id", c.BackendId.ToString());
                Pci(w, c.PciPath);
                break;
            case NvmeDisk c:
                w.WriteString("backend_id", c.BackendId.ToString());
                Pci(w, c.PciPath);
                SerialNumber(w, c.SerialNumber);
                break;
            case VirtioNic c:
                w.WriteString("backend_id", c.BackendId.ToString());
                w.WriteString("interface_id", c.InterfaceId.ToString("D"));
                Pci(w, c.PciPath);
                break;
            case SerialPort c:
                w.WriteString("num", c.Num switch
                {
                    SerialPortNumber.Com1 => "com1",
                    SerialPortNumber.Com2 => "com2",
                    SerialPortNumber.Com3 => "com3",
                    SerialPortNumber.Com4 => "com4",
                    _ => throw new ArgumentOutOfRangeException(nameof(component), c.Num, "unknown serial port"),
                });
                break;
            case PciPciBridge c:
                w.WriteNumber("downstream_bus", c.DownstreamBus);
                Pci(w, c.PciPath);
                break;
            case QemuPvpanic c:
                w.WriteBoolean("enable_isa", c.EnableIsa);
                break;
            case BootSettings c:
                w.WriteStartArray("order");
                foreach (var entry in c.Order)
                {
                    w.WriteStartObject();
                    w.WriteString("id", entry.Id.ToString());
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                break;
            case V3.VirtioSocket c:
                w.WriteNumber("guest_cid", c.GuestCid);
                Pci(w, c.PciPath);
                break;
            case SoftNpuPciPort c:
                Pci(w, c.PciPath);
                break;
            case SoftNpuPort c:
                w.WriteString("link_name", c.LinkName);
                w.WriteString("backend_id", c.BackendId.ToString());
                break;
            case SoftNpuP9 c:
                Pci(w, c.PciPath);
                break;
            case P9fs c:
                w.WriteString("source", c.Source);
                w.WriteString("target", c.Target);
                w.WriteNumber("chunk_size", c.ChunkSize);
                Pci(w, c.PciPath);
                break;
            case MigrationFailureInjector c:
                w.WriteNumber("fail_exports", c.FailExports);
                w.WriteNumber("fail_imports", c.FailImports);
                break;
            case CrucibleStorageBackend c:
                w.WriteString("request_json", c.RequestJson);
                w.WriteBoolean("readonly", c.Readonly);
                break;
            case FileStorageBackend c:
                w.WriteString("path", c.Path);
                w.WriteBoolean("readonly", c.Readonly);
                w.WriteNumber("block_size", c.BlockSize);
                if (c.Workers is { } workers)
                {
                    w.WriteNumber("workers", workers.Count);
                }

                break;
            case BlobStorageBackend c:
                w.WriteString("base64", c.Base64);
                w.WriteBoolean("readonly", c.Readonly);
                break;
            case VirtioNetworkBackend c:
                w.WriteString("vnic_name", c.VnicName);
                break;
            case DlpiNetworkBackend c:
                w.WriteString("vnic_name", c.VnicName);
                break;
            default:
                throw new ArgumentException($"{component.GetType()} is not a wire component record", nameof(component));
        }

        w.WriteEndObject();
    }

    private static void SerialNumber(Utf8JsonWriter w, NvmeSerialNumber serial)
    {
        w.WriteStartArray("serial_number");
        foreach (var b in serial.Bytes)
        {
            w.WriteNumberValue(b);
        }

        w.WriteEndArray();
    }

    private static void Pci(Utf8JsonWriter w, PciPath path)
    {
        w.WriteStartObject("pci_path");
        w.WriteNumber("bus", path.Bus);
        w.WriteNumber("device", path.Device);
        w.WriteNumber("function", path.Function);
        w.WriteEndObject();
    }
}
