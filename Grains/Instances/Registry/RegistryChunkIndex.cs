using ControlPlane.Grains.Abstractions.Instances.Registry;

namespace ControlPlane.Grains.Instances.Registry;

/// <summary>
/// Pure: a shard's chunks as ranges. Which chunk holds an id, the chunks in id order from a position, and the index after
/// a split (a chunk's range cut at a pivot, the upper part a new chunk).
/// </summary>
public sealed class RegistryChunkIndex
{
    /// <summary>Ids a chunk may hold before the shard splits it: bounds each add's write, whatever the number of instances.</summary>
    public const int Capacity = 256;

    private readonly IReadOnlyList<RegistryChunkBound> bounds;

    private RegistryChunkIndex(IReadOnlyList<RegistryChunkBound> bounds, int nextChunk)
    {
        this.bounds = bounds;
        NextChunk = nextChunk;
    }

    /// <summary>The number a new chunk takes.</summary>
    public int NextChunk { get; }

    public int Count => bounds.Count;

    public static RegistryChunkIndex Of(InstanceRegistryShardState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Chunks.Count == 0
            ? new([new RegistryChunkBound(null, 0)], Math.Max(1, state.NextChunk))
            : new([.. state.Chunks], state.NextChunk);
    }

    public InstanceRegistryShardState ToState() => new() { Chunks = [.. bounds], NextChunk = NextChunk };

    /// <summary>The chunk whose range holds <paramref name="id"/>.</summary>
    public (int Chunk, IdRange Range) Locate(Guid id)
    {
        var at = bounds.Count - 1;
        while (at > 0 && id.CompareTo(bounds[at].From!.Value) < 0)
        {
            at--;
        }

        return (bounds[at].Chunk, RangeAt(at));
    }

    /// <summary>The chunks in id order, from the one holding <paramref name="after"/> (all when null).</summary>
    public IEnumerable<(int Chunk, IdRange Range)> From(Guid? after)
    {
        var first = after is { } position ? IndexOf(Locate(position).Chunk) : 0;
        for (var at = first; at < bounds.Count; at++)
        {
            yield return (bounds[at].Chunk, RangeAt(at));
        }
    }

    /// <summary>The index once <paramref name="chunk"/> is cut at <paramref name="pivot"/> (kept below it) and chunk <see cref="NextChunk"/> starts there.</summary>
    public RegistryChunkIndex Split(int chunk, Guid pivot)
    {
        var at = IndexOf(chunk);
        if (!RangeAt(at).Contains(pivot) || bounds[at].From == pivot)
        {
            throw new ArgumentOutOfRangeException(nameof(pivot), pivot, $"The pivot must lie inside chunk {chunk}, above its start.");
        }

        var next = bounds.ToList();
        next.Insert(at + 1, new RegistryChunkBound(pivot, NextChunk));
        return new RegistryChunkIndex(next, NextChunk + 1);
    }

    private int IndexOf(int chunk)
    {
        for (var at = 0; at < bounds.Count; at++)
        {
            if (bounds[at].Chunk == chunk)
            {
                return at;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(chunk), chunk, "No such chunk in this shard.");
    }

    private IdRange RangeAt(int at) => new(bounds[at].From, at + 1 < bounds.Count ? bounds[at + 1].From : null);
}
