namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>A sled as the API shows it: capacity, what is reserved on it, the silo hosting it and whether that silo is alive.</summary>
public sealed record SledView
{
    public required Guid Id { get; init; }

    public required int Cpus { get; init; }

    public required ulong MemoryMib { get; init; }

    public required int UsedCpus { get; init; }

    public required ulong UsedMemoryMib { get; init; }

    /// <summary>The silo that announced the sled; null when none has.</summary>
    public string? HostingSilo { get; init; }

    public required bool Reachable { get; init; }
}
