namespace ControlPlane.Api.Tests.Support;

/// <summary>Wire specs used across the gateway tests (latest API shape).</summary>
public static class Specs
{
    public const string Board = """{"cpus":2,"memory_mb":1024,"chipset":{"type":"i440_fx","value":{"enable_pcie":false}}}""";

    /// <summary>A disk, its file backend, a serial port and a boot order: the brief's §1.5 example.</summary>
    public static string Valid(int cpus = 2) => """
        {"board":{"cpus":CPUS,"memory_mb":1024,"chipset":{"type":"i440_fx","value":{"enable_pcie":false}}},
         "components":{
          "disk0":{"type":"virtio_disk","component":{"backend_id":"disk0-be","pci_path":{"bus":0,"device":16,"function":0}}},
          "disk0-be":{"type":"file_storage_backend","component":{"path":"/d.raw","readonly":false,"block_size":512}},
          "com1":{"type":"serial_port","component":{"num":"com1"}},
          "boot":{"type":"boot_settings","component":{"order":[{"id":"disk0"}]}}}}
        """.Replace("CPUS", cpus.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>A migration-compatibility request body.</summary>
    public static string Pair(string source, string target) => "{\"source\":" + source + ",\"target\":" + target + "}";
}
