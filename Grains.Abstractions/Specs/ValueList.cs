using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs;

/// <summary>
/// An immutable list with value equality, so that records holding lists (CPUID entries, boot order)
/// compare by content, which round-trip checks and migration comparisons rely on.
/// </summary>
[Immutable, Alias("controlplane.specs.ValueList`1")]
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
[System.Text.Json.Serialization.JsonConverter(typeof(Json.ValueListJsonConverterFactory))]
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly ImmutableArray<T> items;

    internal ValueList(ImmutableArray<T> items) => this.items = items.IsDefault ? [] : items;

    /// <summary>The empty list.</summary>
    public static ValueList<T> Empty { get; } = new(ImmutableArray<T>.Empty);

    public int Count => items.Length;

    public T this[int index] => items[index];

    /// <summary>The items as an immutable array.</summary>
    public ImmutableArray<T> AsImmutableArray() => items;

    public ImmutableArray<T>.Enumerator GetEnumerator() => items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)items).GetEnumerator();

    public bool Equals(ValueList<T>? other) =>
        other is not null && items.AsSpan().SequenceEqual(other.items.AsSpan(), EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"[{string.Join(", ", items)}]";
}

/// <summary>Factory methods for <see cref="ValueList{T}"/>; also the collection-expression builder.</summary>
public static class ValueList
{
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => items.IsEmpty ? ValueList<T>.Empty : new(ImmutableArray.Create(items));

    public static ValueList<T> From<T>(IEnumerable<T> items) => new(ImmutableArray.CreateRange(items));
}
