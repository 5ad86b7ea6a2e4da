using System.Collections.Immutable;
using ControlPlane.Grains.Abstractions.Specs.V1;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Serialization;

/// <summary>The Orleans wire form of <see cref="NvmeSerialNumber"/>: its 20 bytes (a default serial is 20 zeroes).</summary>
[GenerateSerializer, Immutable, Alias("controlplane.serialization.NvmeSerialNumberSurrogate")]
public readonly record struct NvmeSerialNumberSurrogate
{
    [Id(0)]
    public ImmutableArray<byte> Bytes { get; init; }
}

/// <summary>Converts <see cref="NvmeSerialNumber"/> to and from its Orleans wire form; the length is checked again on reading.</summary>
[RegisterConverter]
public sealed class NvmeSerialNumberSurrogateConverter : IConverter<NvmeSerialNumber, NvmeSerialNumberSurrogate>
{
    public NvmeSerialNumber ConvertFromSurrogate(in NvmeSerialNumberSurrogate surrogate) =>
        new(surrogate.Bytes.IsDefault ? [] : surrogate.Bytes.AsSpan());

    public NvmeSerialNumberSurrogate ConvertToSurrogate(in NvmeSerialNumber value) => new() { Bytes = value.Bytes };
}
