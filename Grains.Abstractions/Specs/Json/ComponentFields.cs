namespace ControlPlane.Grains.Abstractions.Specs.Json;

/// <summary>The JSON field names of each component kind's body, in wire order.</summary>
internal static class ComponentFields
{
    private static readonly string[][] Fields = Build();

    public static string[] Of(ComponentKind kind) => Fields[(int)kind];

    private static string[][] Build()
    {
        var fields = new string[Enum.GetValues<ComponentKind>().Length][];
        fields[(int)ComponentKind.VirtioDisk] = ["backend_id", "pci_path"];
        fields[(int)ComponentKind.NvmeDisk] = ["backend_id", "pci_path", "serial_number"];
        fields[(int)ComponentKind.VirtioNic] = ["backend_id", "interface_id", "pci_path"];
        fields[(int)ComponentKind.SerialPort] = ["num"];
        fields[(int)ComponentKind.PciPciBridge] = ["downstream_bus", "pci_path"];
        fields[(int)ComponentKind.QemuPvpanic] = ["enable_isa"];
        fields[(int)ComponentKind.BootSettings] = ["order"];
        fields[(int)ComponentKind.VirtioSocket] = ["guest_cid", "pci_path"];
        fields[(int)ComponentKind.SoftNpuPciPort] = ["pci_path"];
        fields[(int)ComponentKind.SoftNpuPort] = ["link_name", "backend_id"];
        fields[(int)ComponentKind.SoftNpuP9] = ["pci_path"];
        fields[(int)ComponentKind.P9fs] = ["source", "target", "chunk_size", "pci_path"];
        fields[(int)ComponentKind.MigrationFailureInjector] = ["fail_exports", "fail_imports"];
        fields[(int)ComponentKind.CrucibleStorageBackend] = ["request_json", "readonly"];
        fields[(int)ComponentKind.FileStorageBackend] = ["path", "readonly", "block_size", "workers"];
        fields[(int)ComponentKind.BlobStorageBackend] = ["base64", "readonly"];
        fields[(int)ComponentKind.VirtioNetworkBackend] = ["vnic_name"];
        fields[(int)ComponentKind.DlpiNetworkBackend] = ["vnic_name"];
        return fields;
    }
}
