namespace ControlPlane.Grains.Vmms.Watcher;

/// <summary>
/// Runs one check per item with at most <c>concurrency</c> in flight (a fixed pool of workers taking the next item, so one
/// slow check holds one slot, not a whole batch); results in item order. Runs on the caller's scheduler (a grain's turn).
/// </summary>
public static class BoundedChecks
{
    public static async Task<IReadOnlyList<TResult>> RunAsync<TItem, TResult>(IReadOnlyList<TItem> items, int concurrency, Func<TItem, Task<TResult>> check)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var results = new TResult[items.Count];
        var next = -1;

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count)
            {
                results[i] = await check(items[i]);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, items.Count)).Select(_ => Worker()));
        return results;
    }
}
