using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V2;

/// <summary>SMBIOS type 1 (system information) strings the guest sees; API version 2 and later. Passed through unvalidated.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v2.SmbiosType1Input")]
public sealed record SmbiosType1Input
{
    [Id(0)]
    public required string Manufacturer { get; init; }

    [Id(1)]
    public required string ProductName { get; init; }

    [Id(2)]
    public required string SerialNumber { get; init; }

    [Id(3)]
    public required ulong Version { get; init; }
}
