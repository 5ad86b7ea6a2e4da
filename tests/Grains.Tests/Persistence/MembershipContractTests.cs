using System.Net;
using ControlPlane.TestSupport;
using Orleans;
using Orleans.Runtime;
using Xunit;

namespace ControlPlane.Grains.Tests.Persistence;

/// <summary>
/// The nine clustering queries driven through Orleans' AdoNetClusteringTable: the table version is a compare-and-swap
/// that moves together with the row change or not at all, heartbeats do not move it, reads always carry it.
/// </summary>
public sealed class MembershipContractTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly DateTime T0 = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    [PostgresFact]
    public async Task Initializing_creates_the_version_row_once_and_reading_returns_it_with_no_members()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await OrleansProviderHost.CreateAsync(db);

        await host.Membership.InitializeMembershipTableAsync(tryInitTableVersion: true);
        await host.Membership.InitializeMembershipTableAsync(tryInitTableVersion: true);
        var all = await host.Membership.ReadAllAsync();
        var row = await host.Membership.ReadRowAsync(SiloAddress.New(IPAddress.Loopback, 11111, 1));

        Assert.Equal(0, all.Version.Version);
        Assert.Equal("0", all.Version.VersionEtag);
        Assert.Empty(all.Members);
        Assert.Equal(0, row.Version.Version);
        Assert.Empty(row.Members);
    }

    [PostgresFact]
    public async Task Inserting_with_the_current_version_adds_the_row_and_bumps_the_version()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await InitializedAsync(db);
        var entry = Entry(11111, 1, SiloStatus.Joining, proxyPort: 30000);
        entry.SuspectTimes = [];

        Assert.True(await host.Membership.InsertRowAsync(entry, (await host.Membership.ReadAllAsync()).Version.Next()));

        var all = await host.Membership.ReadAllAsync();
        Assert.Equal(1, all.Version.Version);
        var (read, _) = Assert.Single(all.Members);
        Assert.Equal(entry.SiloAddress, read.SiloAddress);
        Assert.Equal(entry.SiloName, read.SiloName);
        Assert.Equal(entry.HostName, read.HostName);
        Assert.Equal(SiloStatus.Joining, read.Status);
        Assert.Equal(30000, read.ProxyPort);
        Assert.Equal(entry.StartTime, read.StartTime);
        Assert.Equal(entry.IAmAliveTime, read.IAmAliveTime);
    }

    [PostgresFact]
    public async Task Inserting_with_a_stale_version_changes_nothing()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await InitializedAsync(db);
        var stale = (await host.Membership.ReadAllAsync()).Version.Next();
        Assert.True(await host.Membership.InsertRowAsync(Entry(11111, 1, SiloStatus.Joining), stale));

        Assert.False(await host.Membership.InsertRowAsync(Entry(22222, 1, SiloStatus.Joining), stale));

        var all = await host.Membership.ReadAllAsync();
        Assert.Equal(1, all.Version.Version);
        Assert.Equal(11111, Assert.Single(all.Members).Item1.SiloAddress.Endpoint.Port);
    }

    [PostgresFact]
    public async Task Inserting_a_row_that_exists_fails_and_does_not_bump_the_version()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await InitializedAsync(db);
        Assert.True(await host.Membership.InsertRowAsync(Entry(11111, 1, SiloStatus.Joining), (await host.Membership.ReadAllAsync()).Version.Next()));

        var again = Entry(11111, 1, SiloStatus.Active);
        Assert.False(await host.Membership.InsertRowAsync(again, (await host.Membership.ReadAllAsync()).Version.Next()));

        var all = await host.Membership.ReadAllAsync();
        Assert.Equal(1, all.Version.Version);
        Assert.Equal(SiloStatus.Joining, Assert.Single(all.Members).Item1.Status);
    }

    [PostgresFact]
    public async Task Of_concurrent_inserts_against_the_same_version_exactly_one_succeeds()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await InitializedAsync(db);
        var version = (await host.Membership.ReadAllAsync()).Version.Next();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => host.Membership.InsertRowAsync(Entry(11000 + i, 1, SiloStatus.Joining), version))));

        Assert.Equal(1, results.Count(r => r));
        var all = await host.Membership.ReadAllAsync();
        Assert.Equal(1, all.Version.Version);
        Assert.Equal(11000 + Array.IndexOf(results, true), Assert.Single(all.Members).Item1.SiloAddress.Endpoint.Port);
    }

    [PostgresFact]
    public async Task Updating_is_a_compare_and_swap_on_the_table_version()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await InitializedAsync(db);
        var entry = Entry(11111, 1, SiloStatus.Joining);
        Assert.True(await host.Membership.InsertRowAsync(entry, (await host.Membership.ReadAllAsync()).Version.Next()));
        // Orleans 10.4.2 passes the row's etag, which this provider makes the table version's, and calls the
        // database only when it equals tableVersion.VersionEtag; the CAS proper is the query's.
        var stale = (await host.Membership.ReadAllAsync()).Version.Next();
        var suspecter = SiloAddress.New(IPAddress.Loopback, 22222, 7);

        entry.Status = SiloStatus.Active;
        entry.IAmAliveTime = T0.AddSeconds(5);
        entry.SuspectTimes = [Tuple.Create(suspecter, T0.AddSeconds(3))];
        Assert.True(await host.Membership.UpdateRowAsync(entry, stale.VersionEtag, stale));
        entry.Status = SiloStatus.Dead;
        Assert.False(await host.Membership.UpdateRowAsync(entry, stale.VersionEtag, stale));

        var all = await host.Membership.ReadAllAsync();
        Assert.Equal(2, all.Version.Version);
        var (read, _) = Assert.Single(all.Members);
        Assert.Equal(SiloStatus.Active, read.Status);
        Assert.Equal(T0.AddSeconds(5), read.IAmAliveTime);
        var (silo, at) = Assert.Single(read.SuspectTimes ?? []);
        Assert.Equal(suspecter, silo);
        Assert.Equal(T0.AddSeconds(3), at);
    }

    [PostgresFact]
    public async Task Updating_a_row_that_does_not_exist_fails_and_does_not_bump_the_version()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await InitializedAsync(db);
        var version = (await host.Membership.ReadAllAsync()).Version.Next();

        Assert.False(await host.Membership.UpdateRowAsync(Entry(11111, 1, SiloStatus.Active), version.VersionEtag, version));

        Assert.Equal(0, (await host.Membership.ReadAllAsync()).Version.Version);
    }

    [PostgresFact]
    public async Task A_heartbeat_moves_the_alive_time_but_not_the_version()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await InitializedAsync(db);
        var entry = Entry(11111, 1, SiloStatus.Active);
        Assert.True(await host.Membership.InsertRowAsync(entry, (await host.Membership.ReadAllAsync()).Version.Next()));

        entry.IAmAliveTime = T0.AddMinutes(1);
        entry.Status = SiloStatus.Dead; // ignored: a heartbeat only carries the time
        await host.Membership.UpdateIAmAliveAsync(entry);

        var row = await host.Membership.ReadRowAsync(entry.SiloAddress);
        Assert.Equal(1, row.Version.Version);
        var (read, _) = Assert.Single(row.Members);
        Assert.Equal(T0.AddMinutes(1), read.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, read.Status);
    }

    [PostgresFact]
    public async Task Reading_a_row_returns_only_that_silo_generation_with_the_version()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await InitializedAsync(db);
        foreach (var entry in new[] { Entry(11111, 1, SiloStatus.Dead), Entry(11111, 2, SiloStatus.Active), Entry(22222, 1, SiloStatus.Active) })
        {
            Assert.True(await host.Membership.InsertRowAsync(entry, (await host.Membership.ReadAllAsync()).Version.Next()));
        }

        var row = await host.Membership.ReadRowAsync(SiloAddress.New(IPAddress.Loopback, 11111, 2));
        var missing = await host.Membership.ReadRowAsync(SiloAddress.New(IPAddress.Loopback, 11111, 3));
        var all = await host.Membership.ReadAllAsync();

        Assert.Equal(3, row.Version.Version);
        Assert.Equal(SiloAddress.New(IPAddress.Loopback, 11111, 2), Assert.Single(row.Members).Item1.SiloAddress);
        Assert.Equal(3, missing.Version.Version);
        Assert.Empty(missing.Members);
        Assert.Equal(3, all.Members.Count);
    }

    [PostgresFact]
    public async Task Cleanup_removes_only_dead_silos_older_than_the_cut_off_and_leaves_the_version()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await InitializedAsync(db);
        var deadOld = Entry(11111, 1, SiloStatus.Dead, alive: T0);
        var deadRecent = Entry(11112, 1, SiloStatus.Dead, alive: T0.AddHours(2));
        var activeOld = Entry(11113, 1, SiloStatus.Active, alive: T0);
        foreach (var entry in new[] { deadOld, deadRecent, activeOld })
        {
            Assert.True(await host.Membership.InsertRowAsync(entry, (await host.Membership.ReadAllAsync()).Version.Next()));
        }

        await host.Membership.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(T0.AddHours(1)));

        var all = await host.Membership.ReadAllAsync();
        Assert.Equal(3, all.Version.Version);
        Assert.Equal([11112, 11113], all.Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order());
    }

    [PostgresFact]
    public async Task Deleting_a_cluster_removes_its_rows_and_version_and_no_other_cluster()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var doomed = await InitializedAsync(db, "doomed");
        using var kept = await InitializedAsync(db, "kept");
        Assert.True(await doomed.Membership.InsertRowAsync(Entry(11111, 1, SiloStatus.Active), (await doomed.Membership.ReadAllAsync()).Version.Next()));
        Assert.True(await kept.Membership.InsertRowAsync(Entry(11111, 1, SiloStatus.Active), (await kept.Membership.ReadAllAsync()).Version.Next()));

        await doomed.Membership.DeleteMembershipTableEntriesAsync("doomed");

        Assert.Equal(0L, await MigratedDatabase.ScalarAsync<long>(db,
            "SELECT (SELECT count(*) FROM membership_silos WHERE deployment_id = 'doomed') + (SELECT count(*) FROM membership_version WHERE deployment_id = 'doomed')"));
        var all = await kept.Membership.ReadAllAsync();
        Assert.Equal(1, all.Version.Version);
        Assert.Single(all.Members);
        // A silo of the deleted cluster starts over from a new version row.
        await doomed.Membership.InitializeMembershipTableAsync(tryInitTableVersion: true);
        Assert.Equal(0, (await doomed.Membership.ReadAllAsync()).Version.Version);
    }

    internal static MembershipEntry Entry(int port, int generation, SiloStatus status, int proxyPort = 0, DateTime? alive = null) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, generation),
        SiloName = $"silo-{port}-{generation}",
        HostName = "host-a",
        Status = status,
        ProxyPort = proxyPort,
        StartTime = T0,
        IAmAliveTime = alive ?? T0,
    };

    private static async Task<OrleansProviderHost> InitializedAsync(string db, string clusterId = "cluster")
    {
        var host = await OrleansProviderHost.CreateAsync(db, clusterId);
        await host.Membership.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return host;
    }
}
