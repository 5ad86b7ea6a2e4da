using System.Text;
using ControlPlane.Runtime.Membership;
using Xunit;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>
/// What every grain store guarantees: writes and clears conditional on the ETag, and, for a registered
/// activation, on its fence still being current and its silo's lease unexpired, all in one step.
/// </summary>
public abstract class GrainStorageContract : ClusterContract
{
    // Not in jsonb's canonical order and with a discriminator after other keys: a store must give back exactly this.
    private static readonly byte[] First = Encoding.UTF8.GetBytes("""{"type":"file","path":"/vm/disk0","sizeGib":10}""");
    private static readonly byte[] Second = Encoding.UTF8.GetBytes("""{"type":"crucible","id":"c0ffee","blocks":[1,2,3]}""");

    private IGrainStorage Storage => Backend.Storage;

    private static GrainStateKey NewKey(string state = "spec") => new(ClusterBackend.NewGrainId(), state);

    public virtual async Task Reading_a_missing_record_returns_null()
    {
        Assert.Null(await Storage.ReadAsync(NewKey(), None));
    }

    public virtual async Task Writes_are_conditional_on_the_etag_and_reads_return_the_bytes_written()
    {
        var key = NewKey();
        var e1 = await Storage.WriteAsync(key, First, null, 0, None);
        await AssertStored(key, First, e1);

        var e2 = await Storage.WriteAsync(key, Second, e1, 0, None);
        Assert.NotEqual(e1, e2);

        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(key, First, e1, 0, None));
        Assert.Equal(e2, stale.StoredEtag);
        var notNew = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(key, First, null, 0, None));
        Assert.Equal(e2, notNew.StoredEtag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(key, First, "not-an-etag", 0, None));
        await AssertStored(key, Second, e2);
    }

    public virtual async Task Of_concurrent_first_writes_exactly_one_succeeds()
    {
        var key = NewKey();
        var payloads = Enumerable.Range(0, 10).Select(i => Encoding.UTF8.GetBytes($$"""{"writer":{{i}}}""")).ToList();

        var outcomes = await Task.WhenAll(payloads.Select(p => Task.Run(async () =>
        {
            try
            {
                return (Payload: p, Etag: (string?)await Storage.WriteAsync(key, p, null, 0, None));
            }
            catch (InconsistentStateException)
            {
                return (Payload: p, Etag: null);
            }
        })));

        var winner = Assert.Single(outcomes, o => o.Etag is not null);
        await AssertStored(key, winner.Payload, winner.Etag!);
    }

    public virtual async Task Records_are_keyed_by_grain_and_state_name()
    {
        var key = NewKey("spec");
        var sibling = key with { StateName = "runtime" };
        var otherType = new GrainStateKey(new GrainId("disk", key.GrainId.Key), "spec");

        await Storage.WriteAsync(key, First, null, 0, None);

        Assert.Null(await Storage.ReadAsync(sibling, None));
        Assert.Null(await Storage.ReadAsync(otherType, None));
        await Storage.WriteAsync(sibling, Second, null, 0, None);
        Assert.Equal(Second, (await Storage.ReadAsync(sibling, None))!.Payload.ToArray());
        Assert.Equal(First, (await Storage.ReadAsync(key, None))!.Payload.ToArray());
    }

    public virtual async Task The_current_owner_writes_with_its_fence()
    {
        var silo = await Backend.JoinAsync(ClusterBackend.LongLease);
        var owned = await Backend.OwnAsync(silo);
        var key = new GrainStateKey(owned.GrainId, "spec");

        var e1 = await Storage.WriteAsync(key, First, null, owned.FencingToken, None);
        var e2 = await Storage.WriteAsync(key, Second, e1, owned.FencingToken, None);

        await AssertStored(key, Second, e2);
    }

    public virtual async Task A_write_with_a_stale_fence_is_refused_and_stores_nothing()
    {
        var zombieSilo = await Backend.JoinAsync(ClusterBackend.LongLease);
        var nextSilo = await Backend.JoinAsync(ClusterBackend.LongLease);
        var zombie = await Backend.OwnAsync(zombieSilo);
        await Backend.Membership.SetStatusAsync(zombieSilo, SiloLifecycleStatus.Dead, None);
        var current = await Backend.OwnAsync(nextSilo, zombie.GrainId);
        var key = new GrainStateKey(zombie.GrainId, "spec");

        var refused = await Assert.ThrowsAsync<ActivationFencedException>(() => Storage.WriteAsync(key, First, null, zombie.FencingToken, None));
        Assert.Equal(zombie.FencingToken, refused.FencingToken);
        Assert.Equal(key, refused.Key);
        Assert.Null(await Storage.ReadAsync(key, None));

        var etag = await Storage.WriteAsync(key, Second, null, current.FencingToken, None);
        await Assert.ThrowsAsync<ActivationFencedException>(() => Storage.WriteAsync(key, First, etag, zombie.FencingToken, None));
        await AssertStored(key, Second, etag);
    }

    public virtual async Task Once_a_takeover_returns_no_write_of_the_old_owner_commits_unseen()
    {
        var oldSilo = await Backend.JoinAsync(ClusterBackend.LongLease);
        var newSilo = await Backend.JoinAsync(ClusterBackend.LongLease);
        var old = await Backend.OwnAsync(oldSilo);
        var key = new GrainStateKey(old.GrainId, "counter");
        var committed = new System.Collections.Concurrent.ConcurrentBag<long>();
        var first = await Storage.WriteAsync(key, Encoding.UTF8.GetBytes("{\"n\":0}"), null, old.FencingToken, None);
        committed.Add(long.Parse(first, System.Globalization.CultureInfo.InvariantCulture));

        // The old owner writes as fast as it can until it is fenced.
        var zombie = Task.Run(async () =>
        {
            var etag = first;
            for (var n = 1; ; n++)
            {
                try
                {
                    etag = await Storage.WriteAsync(key, Encoding.UTF8.GetBytes($"{{\"n\":{n}}}"), etag, old.FencingToken, None);
                    committed.Add(long.Parse(etag, System.Globalization.CultureInfo.InvariantCulture));
                }
                catch (ActivationFencedException)
                {
                    return;
                }
            }
        });
        while (committed.Count < 5 && !zombie.IsCompleted)
        {
            await Task.Delay(5);
        }

        await Backend.Membership.SetStatusAsync(oldSilo, SiloLifecycleStatus.Dead, None);
        await Backend.OwnAsync(newSilo, old.GrainId);
        var seen = await Storage.ReadAsync(key, None);
        await zombie;

        // Every write the old owner committed is visible to the new owner's first read: none slipped in after it.
        Assert.Equal(committed.Max().ToString(System.Globalization.CultureInfo.InvariantCulture), seen!.Etag);
    }

    public virtual async Task A_write_by_an_owner_whose_lease_expired_is_refused_though_nobody_took_over()
    {
        var silo = await Backend.JoinAsync(Backend.ShortLease);
        var owned = await Backend.OwnAsync(silo);
        var key = new GrainStateKey(owned.GrainId, "spec");
        await Backend.WaitUntilExpiredAsync(silo);

        await Assert.ThrowsAsync<ActivationFencedException>(() => Storage.WriteAsync(key, First, null, owned.FencingToken, None));

        Assert.Null(await Storage.ReadAsync(key, None));
        Assert.Equal(owned, await Backend.Directory.LookupAsync(owned.GrainId, None));
    }

    public virtual async Task A_write_for_a_grain_that_was_unregistered_is_refused()
    {
        var silo = await Backend.JoinAsync(ClusterBackend.LongLease);
        var owned = await Backend.OwnAsync(silo);
        await Backend.Directory.UnregisterAsync(owned, None);

        await Assert.ThrowsAsync<ActivationFencedException>(() =>
            Storage.WriteAsync(new GrainStateKey(owned.GrainId, "spec"), First, null, owned.FencingToken, None));
    }

    public virtual async Task Clear_is_conditional_on_the_etag_and_the_fence()
    {
        var owner = await Backend.JoinAsync(ClusterBackend.LongLease);
        var next = await Backend.JoinAsync(ClusterBackend.LongLease);
        var zombie = await Backend.OwnAsync(owner);
        var key = new GrainStateKey(zombie.GrainId, "spec");
        var etag = await Storage.WriteAsync(key, First, null, zombie.FencingToken, None);
        await Backend.Membership.SetStatusAsync(owner, SiloLifecycleStatus.Dead, None);
        var current = await Backend.OwnAsync(next, zombie.GrainId);

        await Assert.ThrowsAsync<ActivationFencedException>(() => Storage.ClearAsync(key, etag, zombie.FencingToken, None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(key, "999", current.FencingToken, None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(key, null, current.FencingToken, None));
        await AssertStored(key, First, etag);

        await Storage.ClearAsync(key, etag, current.FencingToken, None);
        Assert.Null(await Storage.ReadAsync(key, None));

        await Storage.ClearAsync(key, null, current.FencingToken, None); // nothing stored, nothing expected: no-op
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(key, etag, current.FencingToken, None));
        var fresh = await Storage.WriteAsync(key, Second, null, current.FencingToken, None);
        await AssertStored(key, Second, fresh);
    }

    private async Task AssertStored(GrainStateKey key, byte[] payload, string etag)
    {
        var record = await Storage.ReadAsync(key, None);
        Assert.NotNull(record);
        Assert.Equal(etag, record.Etag);
        Assert.Equal(Encoding.UTF8.GetString(payload), Encoding.UTF8.GetString(record.Payload.Span));
    }
}
