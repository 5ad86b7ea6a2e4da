using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>A component name registered twice (reachable through the builder API, e.g. a simple request with a repeated disk id).</summary>
public sealed record ComponentNameInUse(SpecKey Key) : SpecError(Key)
{
    public override string Message => $"component name `{Key}` is already in use";
}

/// <summary>Two PCI functions at one address; blamed on the later component.</summary>
public sealed record PciPathInUse(PciPath Path, SpecKey Key, SpecKey ExistingComponent) : SpecError(Key)
{
    public override string Message => $"PCI path {Path} of `{Key}` is already used by `{ExistingComponent}`";
}

/// <summary>A COM port claimed twice (two UARTs, or a UART and SoftNPU's COM4 in either key order).</summary>
public sealed record SerialPortInUse(SerialPortNumber Num, SpecKey Key, SpecKey ExistingComponent) : SpecError(Key)
{
    public override string Message => $"serial port {Num} of `{Key}` is already used by `{ExistingComponent}`";
}

/// <summary>A second pvpanic device.</summary>
public sealed record PvpanicInUse(SpecKey Key, SpecKey ExistingComponent) : SpecError(Key)
{
    public override string Message => $"`{Key}` is a second pvpanic device (`{ExistingComponent}` is the first)";
}

/// <summary>A second vsock device (Propolis silently drops all but the lowest-keyed one).</summary>
public sealed record VsockInUse(SpecKey Key, SpecKey ExistingComponent) : SpecError(Key)
{
    public override string Message => $"`{Key}` is a second virtio socket (`{ExistingComponent}` is the first)";
}

/// <summary>A second boot_settings component (Propolis silently keeps the later one).</summary>
public sealed record BootSettingsInUse(SpecKey Key, SpecKey ExistingComponent) : SpecError(Key)
{
    public override string Message => $"`{Key}` is a second boot_settings component (`{ExistingComponent}` is the first)";
}

/// <summary>A second migration failure injector.</summary>
public sealed record MigrationFailureInjectionInUse(SpecKey Key, SpecKey ExistingComponent) : SpecError(Key)
{
    public override string Message => $"`{Key}` is a second migration failure injector (`{ExistingComponent}` is the first)";
}

/// <summary>A second SoftNPU PCI port, P9 device or p9fs share (Propolis silently overwrites the first).</summary>
public sealed record SoftNpuComponentInUse(ComponentKind Kind, SpecKey Key, SpecKey ExistingComponent) : SpecError(Key)
{
    public override string Message => $"`{Key}` is a second {Kind.WireTag()} (`{ExistingComponent}` is the first)";
}

/// <summary>A boot order entry that is not the key of a disk device.</summary>
public sealed record BootOptionMissing(SpecKey Entry, SpecKey Key) : SpecError(Key)
{
    public override string Message => $"boot order entry `{Entry}` of `{Key}` is not a disk device";
}

/// <summary>Why a CPUID table is invalid (Propolis' CpuidMapConversionError).</summary>
public enum CpuidConflict
{
    DuplicateLeaf,
    LeafOutOfRange,

    /// <summary>A subleaf-less entry for a leaf that already has numbered subleaves.</summary>
    SubleavesAlreadyPresent,

    /// <summary>A numbered subleaf for a leaf that already has a subleaf-less entry.</summary>
    SubleavesAlreadyAbsent,
}

/// <summary>The board's CPUID table is invalid.</summary>
public sealed record CpuidEntriesInvalid(CpuidConflict Conflict, uint Leaf, uint? Subleaf) : SpecError((SpecKey?)null)
{
    public override string Message => $"invalid CPUID entries: {Conflict} at leaf {Leaf:X}" + (Subleaf is { } s ? $" subleaf {s}" : string.Empty);
}

/// <summary>A component of an optional family this silo does not enable (Propolis: FeatureCompiledOut).</summary>
public sealed record FeatureDisabled(SpecKey Key, ComponentKind Kind, ComponentFamilies Family) : SpecError(Key)
{
    /// <summary>The family's configuration name (<c>falcon</c>, <c>failure-injection</c>).</summary>
    public string FamilyName => Family.FamilyName();

    public override string Message => $"`{Key}` is a {Kind.WireTag()}, which needs the `{FamilyName}` component family, disabled on this silo";
}
