using ControlPlane.Grains.Abstractions.Specs;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Serialization;

/// <summary>The Orleans wire form of <see cref="SpecKey"/>: its canonical text, parsed again on reading.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.serialization.SpecKeySurrogate")]
public readonly record struct SpecKeySurrogate
{
    [Id(0)]
    public string Text { get; init; }
}

/// <summary>Converts <see cref="SpecKey"/> to and from its Orleans wire form.</summary>
[RegisterConverter]
public sealed class SpecKeySurrogateConverter : IConverter<SpecKey, SpecKeySurrogate>
{
    public SpecKey ConvertFromSurrogate(in SpecKeySurrogate surrogate) => SpecKey.Parse(surrogate.Text ?? string.Empty);

    public SpecKeySurrogate ConvertToSurrogate(in SpecKey value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new SpecKeySurrogate { Text = value.ToString() };
    }
}
