namespace ControlPlane.Api.Tests.Support;

/// <summary>
/// A wire spec as current Omicron's Nexus writes it for Propolis API version 6 (domain-instance-specs.md §4, §9): backends
/// keyed by disk id, devices `&lt;id&gt;:device`, NVMe disks with the required `has_write_cache` (true, or false for local
/// storage), serials zero-padded disk names, cloud-init, COM1-COM4, pvpanic and boot settings.
/// </summary>
public static class OmicronV6Spec
{
    public const string BootDisk = "6f1b3c1e-9a51-4a43-8f0e-2f3f7e0c8b11";

    public const string LocalDisk = "0c8e3f2a-6b1d-4e59-9a57-2d4f8b6c1e33";

    public static string Json(bool includeWriteCache = true) => """
        {"board":{"cpus":2,"memory_mb":1024,"chipset":{"type":"i440_fx","value":{"enable_pcie":false}}},
         "components":{
          "BOOT:device":{"type":"nvme_disk","component":{"backend_id":"BOOT","pci_path":{"bus":0,"device":16,"function":0},
             "serial_number":[98,111,111,116,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]WC_TRUE}},
          "BOOT":{"type":"crucible_storage_backend","component":{"request_json":"{\"type\":\"volume\",\"id\":\"BOOT\",\"block_size\":512,\"sub_volumes\":[]}","readonly":false}},
          "LOCAL:device":{"type":"nvme_disk","component":{"backend_id":"LOCAL","pci_path":{"bus":0,"device":17,"function":0},
             "serial_number":[108,111,99,97,108,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]WC_FALSE}},
          "LOCAL":{"type":"file_storage_backend","component":{"path":"/dev/zvol/rdsk/oxp_pool/local","readonly":false,"block_size":4096}},
          "cloud-init-dev":{"type":"virtio_disk","component":{"backend_id":"cloud-init-backend","pci_path":{"bus":0,"device":24,"function":0}}},
          "cloud-init-backend":{"type":"blob_storage_backend","component":{"base64":"aGVsbG8=","readonly":true}},
          "com1":{"type":"serial_port","component":{"num":"com1"}},
          "com2":{"type":"serial_port","component":{"num":"com2"}},
          "com3":{"type":"serial_port","component":{"num":"com3"}},
          "com4":{"type":"serial_port","component":{"num":"com4"}},
          "pvpanic":{"type":"qemu_pvpanic","component":{"enable_isa":true}},
          "boot-settings":{"type":"boot_settings","component":{"order":[{"id":"BOOT:device"}]}}},
         "smbios":{"manufacturer":"Oxide","product_name":"OxVM","serial_number":"vm-1","version":0}}
        """
        .Replace("WC_TRUE", includeWriteCache ? ",\"has_write_cache\":true" : "", StringComparison.Ordinal)
        .Replace("WC_FALSE", includeWriteCache ? ",\"has_write_cache\":false" : "", StringComparison.Ordinal)
        .Replace("BOOT", BootDisk, StringComparison.Ordinal)
        .Replace("LOCAL", LocalDisk, StringComparison.Ordinal);
}
