using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>A disk's <c>backend_id</c> names no component at all.</summary>
public sealed record StorageBackendNotFound(SpecKey Backend, SpecKey Device) : SpecError(Device)
{
    public override string Message => $"disk `{Device}` names storage backend `{Backend}`, which is not in the spec";
}

/// <summary>A NIC's or SoftNPU port's <c>backend_id</c> names no component at all.</summary>
public sealed record NetworkBackendNotFound(SpecKey Backend, SpecKey Device) : SpecError(Device)
{
    public override string Message => $"device `{Device}` names network backend `{Backend}`, which is not in the spec";
}

/// <summary>
/// A device's <c>backend_id</c> names a component of the wrong kind (Propolis reports this as
/// StorageBackendNotFound / NetworkBackendNotFound).
/// </summary>
public sealed record BackendKindMismatch(SpecKey Backend, SpecKey Device, ComponentKind Actual, string Expected) : SpecError(Device)
{
    public override string Message => $"device `{Device}` needs {Expected} but `{Backend}` is a {Actual.WireTag()}";
}

/// <summary>
/// Two devices name the same backend; blamed on the later device in key order (Propolis reports
/// this as StorageBackendNotFound / NetworkBackendNotFound).
/// </summary>
public sealed record BackendAlreadyClaimed(SpecKey Backend, SpecKey Device, SpecKey ClaimedBy) : SpecError(Device)
{
    public override string Message => $"device `{Device}` names backend `{Backend}`, which device `{ClaimedBy}` already uses";
}

/// <summary>A device names itself as its backend (Propolis' builder API error; its JSON path reports BackendNotFound).</summary>
public sealed record DeviceAndBackendNamesIdentical(SpecKey Key) : SpecError(Key)
{
    public override string Message => $"device `{Key}` names itself as its backend";
}

/// <summary>A backend no device uses.</summary>
public sealed record BackendNotUsed(SpecKey Key) : SpecError(Key)
{
    public override string Message => $"backend `{Key}` is not used by any device";
}
