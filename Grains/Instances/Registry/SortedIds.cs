using ControlPlane.Grains.Abstractions.Instances.Registry;

namespace ControlPlane.Grains.Instances.Registry;

/// <summary>Pure: a range read of an ascending id set (the page after a position), the shard grain's only rule.</summary>
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
}
