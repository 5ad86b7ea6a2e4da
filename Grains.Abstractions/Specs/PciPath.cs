using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs;

/// <summary>
/// A PCI bus/device/function address. Construction enforces what Propolis' deserializer enforces
/// (device below 32, function below 8), so no value of this type is out of range.
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.PciPath")]
public readonly record struct PciPath : IComparable<PciPath>
{
    /// <summary>Number of device slots on a PCI bus.</summary>
    public const int DeviceCount = 32;

    /// <summary>Number of functions on a PCI device.</summary>
    public const int FunctionCount = 8;

    public PciPath(byte bus, byte device, byte function)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(device, DeviceCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(function, FunctionCount);
        Bus = bus;
        Device = device;
        Function = function;
    }

    [Id(0)]
    public byte Bus { get; }

    [Id(1)]
    public byte Device { get; }

    [Id(2)]
    public byte Function { get; }

    /// <summary>Whether device and function are in range, without throwing.</summary>
    public static bool IsValid(int bus, int device, int function) =>
        bus is >= 0 and <= byte.MaxValue && device is >= 0 and < DeviceCount && function is >= 0 and < FunctionCount;

    /// <summary>The decimal text form Propolis uses in names and errors: <c>bus.device.function</c>.</summary>
    public override string ToString() => $"{Bus}.{Device}.{Function}";

    public int CompareTo(PciPath other) =>
        (Bus, Device, Function).CompareTo((other.Bus, other.Device, other.Function));

    public static bool operator <(PciPath left, PciPath right) => left.CompareTo(right) < 0;

    public static bool operator <=(PciPath left, PciPath right) => left.CompareTo(right) <= 0;

    public static bool operator >(PciPath left, PciPath right) => left.CompareTo(right) > 0;

    public static bool operator >=(PciPath left, PciPath right) => left.CompareTo(right) >= 0;
}
