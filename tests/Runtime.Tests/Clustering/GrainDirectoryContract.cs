using ControlPlane.Runtime.GrainDirectory;
using ControlPlane.Runtime.Membership;
using Xunit;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>What every grain directory guarantees: first writer wins, takeover only from a Dead or lease-expired owner, increasing fences, fenced unregister.</summary>
public abstract class GrainDirectoryContract : ClusterContract
{
    private IGrainDirectory Directory => Backend.Directory;

    public virtual async Task The_first_registration_wins_with_a_fence_and_lookup_finds_it()
    {
        var silo = await Backend.JoinAsync(ClusterBackend.LongLease);
        var grain = ClusterBackend.NewGrainId();
        var activation = Guid.NewGuid();
        Assert.Null(await Directory.LookupAsync(grain, None));

        var won = await Directory.RegisterAsync(grain, silo, activation, None);

        Assert.Equal(new GrainAddress(grain, silo, activation, won.FencingToken), won);
        Assert.True(won.FencingToken > 0);
        Assert.Equal(won, await Directory.LookupAsync(grain, None));
    }

    public virtual async Task A_later_registration_gets_the_live_owner_unchanged()
    {
        var owner = await Backend.JoinAsync(ClusterBackend.LongLease);
        var other = await Backend.JoinAsync(ClusterBackend.LongLease);
        var won = await Backend.OwnAsync(owner);

        var second = await Directory.RegisterAsync(won.GrainId, other, Guid.NewGuid(), None);
        var third = await Directory.RegisterAsync(won.GrainId, owner, Guid.NewGuid(), None);

        Assert.Equal(won, second);
        Assert.Equal(won, third);
        Assert.Equal(won, await Directory.LookupAsync(won.GrainId, None));
    }

    public virtual async Task A_hundred_concurrent_registrations_from_three_silos_have_exactly_one_winner()
    {
        SiloAddress[] silos =
        [
            await Backend.JoinAsync(ClusterBackend.LongLease),
            await Backend.JoinAsync(ClusterBackend.LongLease),
            await Backend.JoinAsync(ClusterBackend.LongLease),
        ];
        var grain = ClusterBackend.NewGrainId();
        var attempts = Enumerable.Range(0, 100).Select(i => (Silo: silos[i % 3], Activation: Guid.NewGuid())).ToList();

        var results = await Task.WhenAll(attempts.Select(a => Task.Run(() => Directory.RegisterAsync(grain, a.Silo, a.Activation, None))));

        var winner = Assert.Single(results.Distinct());
        Assert.Contains(attempts, a => a.Activation == winner.ActivationId && a.Silo == winner.Silo);
        Assert.Equal(winner, await Directory.LookupAsync(grain, None));
    }

    public virtual async Task An_entry_is_taken_over_once_its_silo_is_Dead_and_not_before()
    {
        var owner = await Backend.JoinAsync(ClusterBackend.LongLease);
        var next = await Backend.JoinAsync(ClusterBackend.LongLease);
        var first = await Backend.OwnAsync(owner);
        Assert.Equal(first, await Directory.RegisterAsync(first.GrainId, next, Guid.NewGuid(), None));

        await Backend.Membership.SetStatusAsync(owner, SiloLifecycleStatus.Dead, None);
        var activation = Guid.NewGuid();
        var taken = await Directory.RegisterAsync(first.GrainId, next, activation, None);

        Assert.Equal(next, taken.Silo);
        Assert.Equal(activation, taken.ActivationId);
        Assert.True(taken.FencingToken > first.FencingToken);
        Assert.Equal(taken, await Directory.LookupAsync(first.GrainId, None));
    }

    public virtual async Task An_entry_is_taken_over_once_its_owner_lease_expired_even_if_nobody_declared_it_dead()
    {
        var owner = await Backend.JoinAsync(Backend.ShortLease);
        var next = await Backend.JoinAsync(ClusterBackend.LongLease);
        var first = await Backend.OwnAsync(owner);
        await Backend.WaitUntilExpiredAsync(owner);

        var taken = await Directory.RegisterAsync(first.GrainId, next, Guid.NewGuid(), None);

        Assert.Equal(next, taken.Silo);
        Assert.True(taken.FencingToken > first.FencingToken);
        Assert.Equal(SiloLifecycleStatus.Joining, (await Backend.Membership.ReadAllAsync(None)).Find(owner)!.Status);
    }

    public virtual async Task An_entry_whose_silo_is_not_in_the_membership_table_is_taken_over()
    {
        var unknown = new SiloAddress("10.9.9.9", 11111, 1);
        var live = await Backend.JoinAsync(ClusterBackend.LongLease);
        var grain = ClusterBackend.NewGrainId();
        var orphan = await Directory.RegisterAsync(grain, unknown, Guid.NewGuid(), None);

        var taken = await Directory.RegisterAsync(grain, live, Guid.NewGuid(), None);

        Assert.Equal(live, taken.Silo);
        Assert.True(taken.FencingToken > orphan.FencingToken);
    }

    public virtual async Task Unregistering_with_a_stale_fence_does_nothing()
    {
        var owner = await Backend.JoinAsync(ClusterBackend.LongLease);
        var next = await Backend.JoinAsync(ClusterBackend.LongLease);
        var stale = await Backend.OwnAsync(owner);
        await Backend.Membership.SetStatusAsync(owner, SiloLifecycleStatus.Dead, None);
        var current = await Backend.OwnAsync(next, stale.GrainId);

        Assert.False(await Directory.UnregisterAsync(stale, None));
        Assert.Equal(current, await Directory.LookupAsync(stale.GrainId, None));

        Assert.True(await Directory.UnregisterAsync(current, None));
        Assert.Null(await Directory.LookupAsync(stale.GrainId, None));
        Assert.False(await Directory.UnregisterAsync(current, None));
    }

    public virtual async Task Fences_increase_across_grains_takeovers_and_re_registrations()
    {
        var owner = await Backend.JoinAsync(ClusterBackend.LongLease);
        var next = await Backend.JoinAsync(ClusterBackend.LongLease);
        var fences = new List<long>();

        var a = await Backend.OwnAsync(owner);
        fences.Add(a.FencingToken);
        var b = await Backend.OwnAsync(owner);
        fences.Add(b.FencingToken);
        await Directory.UnregisterAsync(a, None);
        fences.Add((await Backend.OwnAsync(owner, a.GrainId)).FencingToken);
        await Backend.Membership.SetStatusAsync(owner, SiloLifecycleStatus.Dead, None);
        fences.Add((await Backend.OwnAsync(next, b.GrainId)).FencingToken);

        Assert.Equal(fences.Order(), fences);
        Assert.Equal(fences.Count, fences.Distinct().Count());
    }
}
