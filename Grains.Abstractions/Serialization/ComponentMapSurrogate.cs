using System.Collections.Immutable;
using ControlPlane.Grains.Abstractions.Specs;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Serialization;

/// <summary>
/// The Orleans wire form of <see cref="ComponentMap{T}"/>: keys and values as two parallel lists in key order.
/// Reading rebuilds the map through <see cref="ComponentMap{T}.Create(IEnumerable{KeyValuePair{SpecKey, T}})"/>,
/// so duplicate keys or lists of different lengths are refused.
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.serialization.ComponentMapSurrogate`1")]
public readonly record struct ComponentMapSurrogate<T>
    where T : notnull
{
    [Id(0)]
    public ImmutableArray<SpecKey> Keys { get; init; }

    [Id(1)]
    public ImmutableArray<T> Values { get; init; }
}

/// <summary>Converts <see cref="ComponentMap{T}"/> to and from its Orleans wire form.</summary>
[RegisterConverter]
public sealed class ComponentMapSurrogateConverter<T> : IConverter<ComponentMap<T>, ComponentMapSurrogate<T>>
    where T : notnull
{
    public ComponentMap<T> ConvertFromSurrogate(in ComponentMapSurrogate<T> surrogate)
    {
        var keys = surrogate.Keys.IsDefault ? [] : surrogate.Keys;
        var values = surrogate.Values.IsDefault ? [] : surrogate.Values;
        if (keys.Length != values.Length)
        {
            throw new InvalidOperationException($"A serialized component map has {keys.Length} keys but {values.Length} values.");
        }

        return keys.IsEmpty ? ComponentMap<T>.Empty : ComponentMap<T>.Create(keys.Zip(values, KeyValuePair.Create));
    }

    public ComponentMapSurrogate<T> ConvertToSurrogate(in ComponentMap<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ComponentMapSurrogate<T> { Keys = [.. value.Keys], Values = [.. value.Values] };
    }
}
