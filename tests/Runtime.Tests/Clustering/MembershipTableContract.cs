using ControlPlane.Runtime.Membership;
using Xunit;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>What every membership table guarantees: leases on the table's clock, a version that moves on every join and status change, Dead is final.</summary>
public abstract class MembershipTableContract : ClusterContract
{
    private IMembershipTable Table => Backend.Membership;

    public virtual async Task Join_adds_a_joining_row_with_a_lease_on_the_table_clock_and_bumps_the_version()
    {
        var before = await Table.ReadVersionAsync(None);
        var address = new SiloAddress("10.0.0.7", 11111, SiloAddress.NewGeneration());
        await Table.JoinAsync(
            new MembershipEntry { Address = address, SiloName = "sled-7", Status = SiloLifecycleStatus.Active, GatewayPort = 30000, Roles = ["sled-7", "gateway"] },
            ClusterBackend.LongLease,
            None);

        var snapshot = await Table.ReadAllAsync(None);
        var row = Assert.Single(snapshot.Entries);
        Assert.Equal(address, row.Address);
        Assert.Equal("sled-7", row.SiloName);
        Assert.Equal(SiloLifecycleStatus.Joining, row.Status);
        Assert.Equal(30000, row.GatewayPort);
        Assert.Equal<IEnumerable<string>>(["sled-7", "gateway"], row.Roles);
        Assert.Equal(ClusterBackend.LongLease, row.LeaseExpiresAt - row.JoinedAt);
        Assert.True(row.JoinedAt <= snapshot.ReadAt, "the join happened at or before the read, on the table's clock");
        Assert.True(row.LeaseExpiresAt > snapshot.ReadAt);
        Assert.True(snapshot.Version > before);
        Assert.Equal(snapshot.Version, await Table.ReadVersionAsync(None));
    }

    public virtual async Task Joining_an_address_twice_fails_and_changes_nothing()
    {
        var address = await Backend.JoinAsync(ClusterBackend.LongLease, "first");
        var version = await Table.ReadVersionAsync(None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Table.JoinAsync(
            new MembershipEntry { Address = address, SiloName = "second", Status = SiloLifecycleStatus.Joining }, ClusterBackend.LongLease, None));

        Assert.Equal(version, await Table.ReadVersionAsync(None));
        Assert.Equal("first", (await Table.ReadAllAsync(None)).Find(address)!.SiloName);
    }

    public virtual async Task Renewing_extends_the_lease_without_bumping_the_version()
    {
        var address = await Backend.JoinAsync(ClusterBackend.LongLease);
        var before = await Table.ReadAllAsync(None);

        Assert.True(await Table.RenewLeaseAsync(address, ClusterBackend.LongLease * 2, None));

        var after = await Table.ReadAllAsync(None);
        Assert.True(after.Find(address)!.LeaseExpiresAt > before.Find(address)!.LeaseExpiresAt);
        Assert.Equal(before.Version, after.Version);
    }

    public virtual async Task A_lease_that_expired_cannot_be_renewed_and_the_row_stays_until_declared_dead()
    {
        var address = await Backend.JoinAsync(Backend.ShortLease);
        await Backend.WaitUntilExpiredAsync(address);

        Assert.False(await Table.RenewLeaseAsync(address, ClusterBackend.LongLease, None));
        Assert.Equal(SiloLifecycleStatus.Joining, (await Table.ReadAllAsync(None)).Find(address)!.Status);
    }

    public virtual async Task Renewing_or_changing_a_missing_silo_fails()
    {
        var missing = new SiloAddress("10.9.9.9", 1, 1);
        Assert.False(await Table.RenewLeaseAsync(missing, ClusterBackend.LongLease, None));
        Assert.False(await Table.SetStatusAsync(missing, SiloLifecycleStatus.Active, None));
    }

    public virtual async Task Status_changes_bump_the_version_and_repeating_a_status_does_not()
    {
        var address = await Backend.JoinAsync(ClusterBackend.LongLease);
        var joined = await Table.ReadVersionAsync(None);

        Assert.True(await Table.SetStatusAsync(address, SiloLifecycleStatus.Active, None));
        var active = await Table.ReadVersionAsync(None);
        Assert.True(await Table.SetStatusAsync(address, SiloLifecycleStatus.Active, None));
        var repeated = await Table.ReadVersionAsync(None);
        Assert.True(await Table.SetStatusAsync(address, SiloLifecycleStatus.ShuttingDown, None));
        var shuttingDown = await Table.ReadVersionAsync(None);

        Assert.True(active > joined);
        Assert.Equal(active, repeated);
        Assert.True(shuttingDown > active);
        Assert.Equal(SiloLifecycleStatus.ShuttingDown, (await Table.ReadAllAsync(None)).Find(address)!.Status);
    }

    public virtual async Task Dead_is_final()
    {
        var address = await Backend.JoinAsync(ClusterBackend.LongLease);
        Assert.True(await Table.SetStatusAsync(address, SiloLifecycleStatus.Dead, None));
        var version = await Table.ReadVersionAsync(None);

        Assert.False(await Table.SetStatusAsync(address, SiloLifecycleStatus.Active, None));
        Assert.False(await Table.SetStatusAsync(address, SiloLifecycleStatus.Dead, None));
        Assert.False(await Table.RenewLeaseAsync(address, ClusterBackend.LongLease, None));
        Assert.Empty(await Table.DeclareExpiredDeadAsync(None));

        Assert.Equal(SiloLifecycleStatus.Dead, (await Table.ReadAllAsync(None)).Find(address)!.Status);
        Assert.Equal(version, await Table.ReadVersionAsync(None));
    }

    public virtual async Task Declaring_expired_silos_dead_takes_exactly_the_expired_live_rows_in_one_version_step()
    {
        var expiredJoining = await Backend.JoinAsync(Backend.ShortLease);
        var expiredShuttingDown = await Backend.JoinAsync(Backend.ShortLease);
        await Table.SetStatusAsync(expiredShuttingDown, SiloLifecycleStatus.ShuttingDown, None);
        var alreadyDead = await Backend.JoinAsync(Backend.ShortLease);
        await Table.SetStatusAsync(alreadyDead, SiloLifecycleStatus.Dead, None);
        var healthy = await Backend.JoinAsync(ClusterBackend.LongLease);
        await Backend.WaitUntilExpiredAsync(expiredJoining);
        await Backend.WaitUntilExpiredAsync(expiredShuttingDown);
        var before = await Table.ReadVersionAsync(None);

        var declared = await Table.DeclareExpiredDeadAsync(None);

        Assert.Equal([expiredJoining, expiredShuttingDown], declared.OrderBy(a => a.Generation));
        Assert.Equal(before + 1, await Table.ReadVersionAsync(None));
        var snapshot = await Table.ReadAllAsync(None);
        Assert.Equal(SiloLifecycleStatus.Dead, snapshot.Find(expiredJoining)!.Status);
        Assert.Equal(SiloLifecycleStatus.Dead, snapshot.Find(expiredShuttingDown)!.Status);
        Assert.Equal(SiloLifecycleStatus.Joining, snapshot.Find(healthy)!.Status);

        Assert.Empty(await Table.DeclareExpiredDeadAsync(None));
        Assert.Equal(before + 1, await Table.ReadVersionAsync(None));
    }

    public virtual async Task A_snapshot_lists_every_generation_in_join_order()
    {
        var first = await Backend.JoinAsync(ClusterBackend.LongLease);
        var second = await Backend.JoinAsync(ClusterBackend.LongLease);
        await Table.SetStatusAsync(first, SiloLifecycleStatus.Dead, None);

        var snapshot = await Table.ReadAllAsync(None);

        Assert.Equal([first, second], snapshot.Entries.Select(e => e.Address));
        Assert.False(snapshot.Find(first)!.IsLive);
        Assert.True(snapshot.Find(second)!.IsLive);
        Assert.Empty(snapshot.Find(second)!.Roles);
    }
}
