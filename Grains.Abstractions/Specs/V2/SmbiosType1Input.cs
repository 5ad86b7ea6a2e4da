namespace ControlPlane.Grains.Abstractions.Specs.V2;

/// <summary>SMBIOS type 1 (system information) strings the guest sees; API version 2 and later. Passed through unvalidated.</summary>
public sealed record SmbiosType1Input
{
    public required string Manufacturer { get; init; }

    public required string ProductName { get; init; }

    public required string SerialNumber { get; init; }

    public required ulong Version { get; init; }
}
