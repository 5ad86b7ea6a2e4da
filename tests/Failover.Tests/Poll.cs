using System.Diagnostics;

namespace ControlPlane.Failover.Tests;

/// <summary>Waits for a condition by asking again; the bound only turns a hang into a failure, it is never a timing claim.</summary>
public static class Poll
{
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(90);

    public static async Task Until(Func<Task<bool>> condition, string what, Func<string>? describe = null, TimeSpan? bound = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        var limit = bound ?? DefaultBound;
        Exception? lastError = null;
        while (true)
        {
            bool met;
            try
            {
                met = await condition().ConfigureAwait(false);
            }
            catch (Exception ex) when (Outcomes.IsTransient(ex))
            {
                lastError = ex;
                met = false; // the cluster is changing; ask again
            }

            if (met)
            {
                return;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Never became {what} (gave up after {limit}). {describe?.Invoke()} Last error: {lastError?.GetType().Name}: {lastError?.Message}", lastError);
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>Polls <paramref name="read"/> until its value satisfies <paramref name="condition"/>; returns that value.</summary>
    public static async Task<T> UntilValue<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? bound = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(condition);
        T last = default!;
        var seen = false;
        await Until(
            async () =>
            {
                last = await read().ConfigureAwait(false);
                seen = true;
                return condition(last);
            },
            what,
            () => seen ? $"Last: {last}" : "No answer yet.",
            bound).ConfigureAwait(false);
        return last;
    }
}
