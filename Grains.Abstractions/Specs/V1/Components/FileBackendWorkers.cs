using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A worker count for a file backend: at least one (Rust's <c>NonZeroUsize</c>), checked at construction.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.FileBackendWorkers")]
public readonly record struct FileBackendWorkers
{
    public FileBackendWorkers(uint count)
    {
        ArgumentOutOfRangeException.ThrowIfZero(count);
        Count = count;
    }

    [Id(0)]
    public uint Count { get; }

    public override string ToString() => Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
