using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>
/// A worker count for a file backend: 1 to 2^64-1 (Rust's <c>NonZeroUsize</c> on the 64-bit hosts Propolis runs on), checked at
/// construction. Widened from uint to ulong: both travel as the same Orleans varint, so stored and in-flight values still read.
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.FileBackendWorkers")]
public readonly record struct FileBackendWorkers
{
    public FileBackendWorkers(ulong count)
    {
        ArgumentOutOfRangeException.ThrowIfZero(count);
        Count = count;
    }

    [Id(0)]
    public ulong Count { get; }

    public override string ToString() => Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
