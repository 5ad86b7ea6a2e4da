using System.Collections.Frozen;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// The stable, public <c>spec_error</c> codes, one constant per error type (as Npgsql's <c>PostgresErrorCodes</c>). Codes
/// are part of the API: a type may be renamed, its code never changes; new codes may be added.
/// </summary>
public static class SpecErrorCodes
{
    /// <summary><see cref="BackendAlreadyClaimed"/>.</summary>
    public const string BackendAlreadyClaimed = "backend_already_claimed";

    /// <summary><see cref="BackendKindMismatch"/>.</summary>
    public const string BackendKindMismatch = "backend_kind_mismatch";

    /// <summary><see cref="BackendNotUsed"/>.</summary>
    public const string BackendNotUsed = "backend_not_used";

    /// <summary><see cref="BlobBase64Invalid"/>.</summary>
    public const string BlobBase64Invalid = "blob_base64_invalid";

    /// <summary><see cref="BootDeviceOnDownstreamBus"/>.</summary>
    public const string BootDeviceOnDownstreamBus = "boot_device_on_downstream_bus";

    /// <summary><see cref="BootOptionMissing"/>.</summary>
    public const string BootOptionMissing = "boot_option_missing";

    /// <summary><see cref="BootSettingsInUse"/>.</summary>
    public const string BootSettingsInUse = "boot_settings_in_use";

    /// <summary><see cref="ComponentNameInUse"/>.</summary>
    public const string ComponentNameInUse = "component_name_in_use";

    /// <summary><see cref="CpuCountOutOfRange"/>.</summary>
    public const string CpuCountOutOfRange = "cpu_count_out_of_range";

    /// <summary><see cref="CpuidEntriesInvalid"/>.</summary>
    public const string CpuidEntriesInvalid = "cpuid_entries_invalid";

    /// <summary><see cref="CrucibleRequestInvalid"/>.</summary>
    public const string CrucibleRequestInvalid = "crucible_request_invalid";

    /// <summary><see cref="DeviceAndBackendNamesIdentical"/>.</summary>
    public const string DeviceAndBackendNamesIdentical = "device_and_backend_names_identical";

    /// <summary><see cref="DuplicateCrucibleVolumeId"/>.</summary>
    public const string DuplicateCrucibleVolumeId = "duplicate_crucible_volume_id";

    /// <summary><see cref="DuplicateKey"/>.</summary>
    public const string DuplicateKey = "duplicate_key";

    /// <summary><see cref="FeatureDisabled"/>.</summary>
    public const string FeatureDisabled = "feature_disabled";

    /// <summary><see cref="InvalidValue"/>.</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary><see cref="MalformedJson"/>.</summary>
    public const string MalformedJson = "malformed_json";

    /// <summary><see cref="MemorySizeInvalid"/>.</summary>
    public const string MemorySizeInvalid = "memory_size_invalid";

    /// <summary><see cref="MigrationFailureInjectionInUse"/>.</summary>
    public const string MigrationFailureInjectionInUse = "migration_failure_injection_in_use";

    /// <summary><see cref="MissingField"/>.</summary>
    public const string MissingField = "missing_field";

    /// <summary><see cref="NetworkBackendNotFound"/>.</summary>
    public const string NetworkBackendNotFound = "network_backend_not_found";

    /// <summary><see cref="NumberOutOfRange"/>.</summary>
    public const string NumberOutOfRange = "number_out_of_range";

    /// <summary><see cref="PciBusInUse"/>.</summary>
    public const string PciBusInUse = "pci_bus_in_use";

    /// <summary><see cref="PciBusNotFound"/>.</summary>
    public const string PciBusNotFound = "pci_bus_not_found";

    /// <summary><see cref="PciPathInUse"/>.</summary>
    public const string PciPathInUse = "pci_path_in_use";

    /// <summary><see cref="PciPathReserved"/>.</summary>
    public const string PciPathReserved = "pci_path_reserved";

    /// <summary><see cref="PciSlotInvalid"/>.</summary>
    public const string PciSlotInvalid = "pci_slot_invalid";

    /// <summary><see cref="PvpanicInUse"/>.</summary>
    public const string PvpanicInUse = "pvpanic_in_use";

    /// <summary><see cref="ReplacementComponentNotInSource"/>.</summary>
    public const string ReplacementComponentNotInSource = "replacement_component_not_in_source";

    /// <summary><see cref="ReplacementKindMismatch"/>.</summary>
    public const string ReplacementKindMismatch = "replacement_kind_mismatch";

    /// <summary><see cref="SerialPortInUse"/>.</summary>
    public const string SerialPortInUse = "serial_port_in_use";

    /// <summary><see cref="SoftNpuComponentInUse"/>.</summary>
    public const string SoftNpuComponentInUse = "soft_npu_component_in_use";

    /// <summary><see cref="SoftNpuP9Missing"/>.</summary>
    public const string SoftNpuP9Missing = "soft_npu_p9_missing";

    /// <summary><see cref="StorageBackendNotFound"/>.</summary>
    public const string StorageBackendNotFound = "storage_backend_not_found";

    /// <summary><see cref="UnexpectedJsonType"/>.</summary>
    public const string UnexpectedJsonType = "unexpected_json_type";

    /// <summary><see cref="UnknownField"/>.</summary>
    public const string UnknownField = "unknown_field";

    /// <summary><see cref="UnknownVariant"/>.</summary>
    public const string UnknownVariant = "unknown_variant";

    /// <summary><see cref="VsockGuestCidInvalid"/>.</summary>
    public const string VsockGuestCidInvalid = "vsock_guest_cid_invalid";

    /// <summary><see cref="VsockInUse"/>.</summary>
    public const string VsockInUse = "vsock_in_use";

    /// <summary>Not an error type: the validator was asked for a Propolis API version that has no instance spec here.</summary>
    public const string UnsupportedApiVersion = "unsupported_api_version";

    private static readonly FrozenDictionary<Type, string> ByType = new Dictionary<Type, string>
    {
        [typeof(BackendAlreadyClaimed)] = BackendAlreadyClaimed,
        [typeof(BackendKindMismatch)] = BackendKindMismatch,
        [typeof(BackendNotUsed)] = BackendNotUsed,
        [typeof(BlobBase64Invalid)] = BlobBase64Invalid,
        [typeof(BootDeviceOnDownstreamBus)] = BootDeviceOnDownstreamBus,
        [typeof(BootOptionMissing)] = BootOptionMissing,
        [typeof(BootSettingsInUse)] = BootSettingsInUse,
        [typeof(ComponentNameInUse)] = ComponentNameInUse,
        [typeof(CpuCountOutOfRange)] = CpuCountOutOfRange,
        [typeof(CpuidEntriesInvalid)] = CpuidEntriesInvalid,
        [typeof(CrucibleRequestInvalid)] = CrucibleRequestInvalid,
        [typeof(DeviceAndBackendNamesIdentical)] = DeviceAndBackendNamesIdentical,
        [typeof(DuplicateCrucibleVolumeId)] = DuplicateCrucibleVolumeId,
        [typeof(DuplicateKey)] = DuplicateKey,
        [typeof(FeatureDisabled)] = FeatureDisabled,
        [typeof(InvalidValue)] = InvalidValue,
        [typeof(MalformedJson)] = MalformedJson,
        [typeof(MemorySizeInvalid)] = MemorySizeInvalid,
        [typeof(MigrationFailureInjectionInUse)] = MigrationFailureInjectionInUse,
        [typeof(MissingField)] = MissingField,
        [typeof(NetworkBackendNotFound)] = NetworkBackendNotFound,
        [typeof(NumberOutOfRange)] = NumberOutOfRange,
        [typeof(PciBusInUse)] = PciBusInUse,
        [typeof(PciBusNotFound)] = PciBusNotFound,
        [typeof(PciPathInUse)] = PciPathInUse,
        [typeof(PciPathReserved)] = PciPathReserved,
        [typeof(PciSlotInvalid)] = PciSlotInvalid,
        [typeof(PvpanicInUse)] = PvpanicInUse,
        [typeof(ReplacementComponentNotInSource)] = ReplacementComponentNotInSource,
        [typeof(ReplacementKindMismatch)] = ReplacementKindMismatch,
        [typeof(SerialPortInUse)] = SerialPortInUse,
        [typeof(SoftNpuComponentInUse)] = SoftNpuComponentInUse,
        [typeof(SoftNpuP9Missing)] = SoftNpuP9Missing,
        [typeof(StorageBackendNotFound)] = StorageBackendNotFound,
        [typeof(UnexpectedJsonType)] = UnexpectedJsonType,
        [typeof(UnknownField)] = UnknownField,
        [typeof(UnknownVariant)] = UnknownVariant,
        [typeof(VsockGuestCidInvalid)] = VsockGuestCidInvalid,
        [typeof(VsockInUse)] = VsockInUse,
    }.ToFrozenDictionary();

    /// <summary>Every error type with its code.</summary>
    public static IReadOnlyDictionary<Type, string> All => ByType;

    /// <summary>The code of an error type; a type without one is a bug (caught by the tests), never a derived name.</summary>
    public static string Of(Type errorType)
    {
        ArgumentNullException.ThrowIfNull(errorType);
        return ByType.TryGetValue(errorType, out var code) ? code : throw new InvalidOperationException($"{errorType.Name} has no code in SpecErrorCodes");
    }
}
