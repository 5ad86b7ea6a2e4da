using ControlPlane.Grains.Abstractions.Instances.Registry;

namespace ControlPlane.Grains.Instances.Registry;

/// <summary>Pure: reads of an ascending id set, the chunk grain's rules (a page after a position, a range, a split's upper half).</summary>
public static class SortedIds
{
    public static InstanceIdPage After(SortedSet<Guid> ids, Guid? after, int limit)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (ids.Count == 0 || (after is { } last && last.CompareTo(ids.Max) >= 0))
        {
            return InstanceIdPage.Empty;
        }

        IEnumerable<Guid> range = after is { } position ? ids.GetViewBetween(position, ids.Max).SkipWhile(id => id == position) : ids;
        var taken = range.Take(limit + 1).ToList();
        return new InstanceIdPage { Ids = [.. taken.Take(limit)], More = taken.Count > limit };
    }

    /// <summary>The ids inside <paramref name="range"/>.</summary>
    public static SortedSet<Guid> Within(SortedSet<Guid> ids, IdRange range)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(range);
        return [.. ids.Where(range.Contains)];
    }

    /// <summary>The ids from the median up (empty for fewer than two): what a split moves to a new chunk.</summary>
    public static List<Guid> UpperHalf(SortedSet<Guid> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count < 2 ? [] : [.. ids.Skip(ids.Count / 2)];
    }
}
