using System.Collections.Immutable;
using ControlPlane.Grains.Abstractions.Specs;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Serialization;

/// <summary>The Orleans wire form of <see cref="ValueList{T}"/>: its items, in order.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.serialization.ValueListSurrogate`1")]
public readonly record struct ValueListSurrogate<T>
{
    [Id(0)]
    public ImmutableArray<T> Items { get; init; }
}

/// <summary>Converts <see cref="ValueList{T}"/> to and from its Orleans wire form (a missing item list reads as empty).</summary>
[RegisterConverter]
public sealed class ValueListSurrogateConverter<T> : IConverter<ValueList<T>, ValueListSurrogate<T>>
{
    public ValueList<T> ConvertFromSurrogate(in ValueListSurrogate<T> surrogate) =>
        surrogate.Items.IsDefaultOrEmpty ? ValueList<T>.Empty : new ValueList<T>(surrogate.Items);

    public ValueListSurrogate<T> ConvertToSurrogate(in ValueList<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ValueListSurrogate<T> { Items = value.AsImmutableArray() };
    }
}
