using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs;

/// <summary>
/// An immutable map from <see cref="SpecKey"/> to a value, iterated in SpecKey order (Propolis keeps
/// components in a BTreeMap, so key order decides processing order and error precedence) and
/// compared by value.
/// </summary>
[Immutable, Alias("controlplane.specs.ComponentMap`1")]
public sealed class ComponentMap<T> : IReadOnlyDictionary<SpecKey, T>, IEquatable<ComponentMap<T>>
    where T : notnull
{
    private readonly ImmutableSortedDictionary<SpecKey, T> items;

    private ComponentMap(ImmutableSortedDictionary<SpecKey, T> items) => this.items = items;

    /// <summary>The empty map.</summary>
    public static ComponentMap<T> Empty { get; } = new(ImmutableSortedDictionary<SpecKey, T>.Empty);

    /// <summary>Creates a map; throws <see cref="ArgumentException"/> when two entries share a key.</summary>
    public static ComponentMap<T> Create(IEnumerable<KeyValuePair<SpecKey, T>> entries)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<SpecKey, T>();
        foreach (var (key, value) in entries)
        {
            if (!builder.TryAdd(key, value))
            {
                throw new ArgumentException($"duplicate component key '{key}'", nameof(entries));
            }
        }

        return new ComponentMap<T>(builder.ToImmutable());
    }

    /// <summary>Creates a map from (key, value) pairs; throws on duplicate keys.</summary>
    public static ComponentMap<T> Create(params ReadOnlySpan<(SpecKey Key, T Value)> entries)
    {
        var list = new List<KeyValuePair<SpecKey, T>>(entries.Length);
        foreach (var (key, value) in entries)
        {
            list.Add(new(key, value));
        }

        return Create(list);
    }

    public int Count => items.Count;

    public T this[SpecKey key] => items[key];

    public IEnumerable<SpecKey> Keys => items.Keys;

    public IEnumerable<T> Values => items.Values;

    public bool ContainsKey(SpecKey key) => items.ContainsKey(key);

    public bool TryGetValue(SpecKey key, [MaybeNullWhen(false)] out T value) => items.TryGetValue(key, out value);

    /// <summary>A copy with the entry for <paramref name="key"/> added or replaced.</summary>
    public ComponentMap<T> SetItem(SpecKey key, T value) => new(items.SetItem(key, value));

    /// <summary>A copy without the entry for <paramref name="key"/>.</summary>
    public ComponentMap<T> Remove(SpecKey key) => new(items.Remove(key));

    /// <summary>A copy with the values converted (keys kept).</summary>
    public ComponentMap<TOut> Select<TOut>(Func<T, TOut> convert)
        where TOut : notnull
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<SpecKey, TOut>();
        foreach (var (key, value) in items)
        {
            builder.Add(key, convert(value));
        }

        return new ComponentMap<TOut>(builder.ToImmutable());
    }

    public IEnumerator<KeyValuePair<SpecKey, T>> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ComponentMap<T>? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (var (key, value) in items)
        {
            if (!other.items.TryGetValue(key, out var otherValue) || !EqualityComparer<T>.Default.Equals(value, otherValue))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ComponentMap<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in items)
        {
            hash.Add(key);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"{{{string.Join(", ", items.Select(kv => $"{kv.Key}: {kv.Value}"))}}}";
}
