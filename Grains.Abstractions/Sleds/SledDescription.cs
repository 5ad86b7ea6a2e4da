namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>A sled a silo hosts, as configured: its id and capacity.</summary>
public sealed record SledDescription
{
    public required Guid Id { get; init; }

    public required int Cpus { get; init; }

    public required ulong MemoryMib { get; init; }
}
