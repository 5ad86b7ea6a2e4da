using ControlPlane.TestSupport;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Xunit;

namespace ControlPlane.Grains.Tests.Persistence;

/// <summary>
/// ReadFromStorageKey, WriteToStorageKey, ClearStorageKey and DeleteStorageKey driven through Orleans' AdoNetGrainStorage:
/// the ETag is the row version, a first write over an existing row fails, of two concurrent first writes one wins.
/// </summary>
public sealed class GrainStorageContractTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string StateName = "counter";

    [PostgresFact]
    public async Task A_first_write_creates_version_1_as_plain_json_and_reads_back()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await OrleansProviderHost.CreateAsync(db);
        var grain = GrainId.Create("counter-grain", "a");
        var state = new GrainState<CounterState>(new CounterState { Value = 41, Note = "first" });

        await host.Storage.WriteStateAsync(StateName, grain, state);

        Assert.Equal("1", state.ETag);
        Assert.True(state.RecordExists);
        var read = await ReadAsync(host, grain);
        Assert.Equal(41, read.State!.Value);
        Assert.Equal("first", read.State!.Note);
        Assert.Equal("1", read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal("41", await MigratedDatabase.ScalarAsync<string>(db, "SELECT convert_from(payload, 'UTF8')::jsonb ->> 'Value' FROM grain_state"));
    }

    [PostgresFact]
    public async Task Reading_a_state_never_written_gives_a_default_state_without_an_etag()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await OrleansProviderHost.CreateAsync(db);

        var read = await ReadAsync(host, GrainId.Create("counter-grain", "never"));

        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State!.Value);
    }

    [PostgresFact]
    public async Task A_write_with_the_current_etag_bumps_the_version_and_a_stale_etag_is_refused()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await OrleansProviderHost.CreateAsync(db);
        var grain = GrainId.Create("counter-grain", "b");
        var first = new GrainState<CounterState>(new CounterState { Value = 1 });
        await host.Storage.WriteStateAsync(StateName, grain, first);
        var stale = await ReadAsync(host, grain);

        first.State!.Value = 2;
        await host.Storage.WriteStateAsync(StateName, grain, first);
        stale.State!.Value = 99;
        await Assert.ThrowsAsync<InconsistentStateException>(() => host.Storage.WriteStateAsync(StateName, grain, stale));

        Assert.Equal("2", first.ETag);
        var read = await ReadAsync(host, grain);
        Assert.Equal(2, read.State!.Value);
        Assert.Equal("2", read.ETag);
    }

    [PostgresFact]
    public async Task A_first_write_over_an_existing_row_is_refused()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await OrleansProviderHost.CreateAsync(db);
        var grain = GrainId.Create("counter-grain", "c");
        await host.Storage.WriteStateAsync(StateName, grain, new GrainState<CounterState>(new CounterState { Value = 1 }));

        var second = new GrainState<CounterState>(new CounterState { Value = 2 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => host.Storage.WriteStateAsync(StateName, grain, second));

        var read = await ReadAsync(host, grain);
        Assert.Equal(1, read.State!.Value);
        Assert.Equal("1", read.ETag);
    }

    [PostgresFact]
    public async Task Of_concurrent_first_writes_exactly_one_wins()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await OrleansProviderHost.CreateAsync(db);
        var grain = GrainId.Create("counter-grain", "race");
        const int writers = 8;

        // Hold every writer at the table lock until all of them are waiting, then let them race for the insert.
        await using var gate = new NpgsqlConnection(db);
        await gate.OpenAsync();
        await using var gateTransaction = await gate.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE grain_state IN SHARE ROW EXCLUSIVE MODE", gate, gateTransaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var states = Enumerable.Range(1, writers).Select(i => new GrainState<CounterState>(new CounterState { Value = i })).ToArray();
        var writes = states.Select(s => Task.Run(() => host.Storage.WriteStateAsync(StateName, grain, s))).ToArray();
        await WaitForLockWaitersAsync(db, writers);
        await gateTransaction.CommitAsync();
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
                return (Exception?)null;
            }
            catch (InconsistentStateException exception)
            {
                return exception;
            }
        }));

        var winner = Assert.Single(states, s => s.ETag == "1");
        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.Equal(writers - 1, outcomes.Count(o => o is InconsistentStateException));
        Assert.Equal(winner.State!.Value, (await ReadAsync(host, grain)).State!.Value);
        Assert.Equal(1L, await MigratedDatabase.ScalarAsync<long>(db, "SELECT count(*) FROM grain_state"));
    }

    [PostgresFact]
    public async Task A_first_write_racing_an_uncommitted_first_write_of_the_same_row_waits_for_it_and_loses()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await OrleansProviderHost.CreateAsync(db);
        using var template = await OrleansProviderHost.CreateAsync(db, serviceId: "template");
        var grain = GrainId.Create("counter-grain", "uncommitted");
        // The provider's own row (same hashes and key) under another service id, copied by a transaction left open.
        await template.Storage.WriteStateAsync(StateName, grain, new GrainState<CounterState>(new CounterState { Value = 1 }));
        await using var other = new NpgsqlConnection(db);
        await other.OpenAsync();
        await using var otherTransaction = await other.BeginTransactionAsync();
        await using (var copy = new NpgsqlCommand(
            "INSERT INTO grain_state SELECT 'service', state_name, grain_id_n0, grain_id_n1, grain_id_ext, grain_id_hash, " +
            "state_name_hash, payload, version, modified_at FROM grain_state WHERE service_id = 'template'", other, otherTransaction))
        {
            Assert.Equal(1, await copy.ExecuteNonQueryAsync());
        }

        var write = Task.Run(() => host.Storage.WriteStateAsync(StateName, grain, new GrainState<CounterState>(new CounterState { Value = 2 })));
        // Without a unique key the write would not wait: it would see no row and insert a second one.
        await WaitUntilAsync(async () => write.IsCompleted || await MigratedDatabase.ScalarAsync<long>(db,
            "SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted") > 0);
        await otherTransaction.CommitAsync();

        await Assert.ThrowsAsync<InconsistentStateException>(() => write);
        Assert.Equal(1L, await MigratedDatabase.ScalarAsync<long>(db, "SELECT count(*) FROM grain_state WHERE service_id = 'service'"));
    }

    [PostgresFact]
    public async Task Clear_empties_the_state_bumps_the_version_and_refuses_a_stale_etag()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await OrleansProviderHost.CreateAsync(db);
        var grain = GrainId.Create("counter-grain", "d");
        var state = new GrainState<CounterState>(new CounterState { Value = 5 });
        await host.Storage.WriteStateAsync(StateName, grain, state);
        var stale = await ReadAsync(host, grain);
        state.State!.Value = 6;
        await host.Storage.WriteStateAsync(StateName, grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => host.Storage.ClearStateAsync(StateName, grain, stale));
        await host.Storage.ClearStateAsync(StateName, grain, state);

        Assert.Equal("3", state.ETag);
        Assert.False(state.RecordExists);
        var read = await ReadAsync(host, grain);
        Assert.Equal(0, read.State!.Value);
        Assert.Equal("3", read.ETag);
        Assert.False(read.RecordExists);
        // The row stays (payload NULL), so a first write with no ETag still loses; a write with the ETag goes on.
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            host.Storage.WriteStateAsync(StateName, grain, new GrainState<CounterState>(new CounterState { Value = 7 })));
        read.State!.Value = 8;
        await host.Storage.WriteStateAsync(StateName, grain, read);
        Assert.Equal("4", read.ETag);
    }

    [PostgresFact]
    public async Task With_DeleteStateOnClear_the_row_goes_and_a_first_write_starts_again_at_version_1()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await OrleansProviderHost.CreateAsync(db, deleteStateOnClear: true);
        var grain = GrainId.Create("counter-grain", "e");
        var state = new GrainState<CounterState>(new CounterState { Value = 5 });
        await host.Storage.WriteStateAsync(StateName, grain, state);
        var stale = new GrainState<CounterState>(new CounterState(), "7") { RecordExists = true };

        await Assert.ThrowsAsync<InconsistentStateException>(() => host.Storage.ClearStateAsync(StateName, grain, stale));
        await host.Storage.ClearStateAsync(StateName, grain, state);

        Assert.Null(state.ETag);
        Assert.Equal(0L, await MigratedDatabase.ScalarAsync<long>(db, "SELECT count(*) FROM grain_state"));
        var again = new GrainState<CounterState>(new CounterState { Value = 9 });
        await host.Storage.WriteStateAsync(StateName, grain, again);
        Assert.Equal("1", again.ETag);
    }

    [PostgresFact]
    public async Task Rows_are_told_apart_by_the_full_key_state_name_and_service_id()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await OrleansProviderHost.CreateAsync(db);
        using var otherService = await OrleansProviderHost.CreateAsync(db, serviceId: "other-service");
        var grain = GrainId.Create("counter-grain", "f");
        var compound = GrainId.Create("counter-grain", "f+ext");

        await host.Storage.WriteStateAsync(StateName, grain, new GrainState<CounterState>(new CounterState { Value = 1 }));
        await host.Storage.WriteStateAsync("other-state", grain, new GrainState<CounterState>(new CounterState { Value = 2 }));
        await otherService.Storage.WriteStateAsync(StateName, grain, new GrainState<CounterState>(new CounterState { Value = 3 }));
        await host.Storage.WriteStateAsync(StateName, compound, new GrainState<CounterState>(new CounterState { Value = 4 }));

        Assert.Equal(1, (await ReadAsync(host, grain)).State!.Value);
        Assert.Equal(2, (await ReadAsync(host, grain, "other-state")).State!.Value);
        Assert.Equal(3, (await ReadAsync(otherService, grain)).State!.Value);
        Assert.Equal(4, (await ReadAsync(host, compound)).State!.Value);
        Assert.Equal(4L, await MigratedDatabase.ScalarAsync<long>(db, "SELECT count(*) FROM grain_state"));
    }

    [PostgresFact]
    public async Task String_keys_that_look_like_hex_numbers_or_guids_land_in_n0_n1_and_each_reads_back_its_own_state()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await OrleansProviderHost.CreateAsync(db);
        // 32 hex digits parse as a GUID key; the dashed form does not and stays a string key.
        const string guidDigits = "5f0c2a9e3b7d4c1e9a2b7d4e6f8a1b3c";
        const string dashedGuid = "5f0c2a9e-3b7d-4c1e-9a2b-7d4e6f8a1b3c";
        string[] keys = ["c1", guidDigits, dashedGuid, "plain-key", "193", "c1+ext"];

        for (var i = 0; i < keys.Length; i++)
        {
            await host.Storage.WriteStateAsync(StateName, GrainId.Create("counter-grain", keys[i]), new GrainState<CounterState>(new CounterState { Value = i + 1 }));
        }

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(i + 1, (await ReadAsync(host, GrainId.Create("counter-grain", keys[i]))).State!.Value);
        }

        Assert.Equal(1L, await MigratedDatabase.ScalarAsync<long>(db,
            "SELECT count(*) FROM grain_state WHERE grain_id_n0 = 0 AND grain_id_n1 = 193 AND grain_id_ext IS NULL"));
        Assert.Equal(1L, await MigratedDatabase.ScalarAsync<long>(db,
            "SELECT count(*) FROM grain_state WHERE grain_id_n0 = 0 AND grain_id_n1 = 403 AND grain_id_ext IS NULL"));
        Assert.Equal(1L, await MigratedDatabase.ScalarAsync<long>(db,
            "SELECT count(*) FROM grain_state WHERE grain_id_n1 = 193 AND grain_id_ext = 'ext'"));
        Assert.Equal(1L, await MigratedDatabase.ScalarAsync<long>(db,
            "SELECT count(*) FROM grain_state WHERE grain_id_n0 <> 0 AND grain_id_n1 <> 0 AND grain_id_ext IS NULL"));
        Assert.Equal(1L, await MigratedDatabase.ScalarAsync<long>(db,
            "SELECT count(*) FROM grain_state WHERE grain_id_n0 = 0 AND grain_id_n1 = 0 AND grain_id_ext = @key", ("key", dashedGuid)));
        Assert.Equal(1L, await MigratedDatabase.ScalarAsync<long>(db,
            "SELECT count(*) FROM grain_state WHERE grain_id_n0 = 0 AND grain_id_n1 = 0 AND grain_id_ext = 'plain-key'"));
    }

    [PostgresFact]
    public async Task Hex_looking_string_keys_that_differ_only_in_case_or_leading_zeros_share_one_row()
    {
        // The provider parses "c1", "C1" and "00c1" to the same integer key (0xC1) and drops the text: the schema
        // cannot tell them apart. Grain keys must not rely on that difference.
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await OrleansProviderHost.CreateAsync(db);
        await host.Storage.WriteStateAsync(StateName, GrainId.Create("counter-grain", "c1"), new GrainState<CounterState>(new CounterState { Value = 1 }));

        var upper = await ReadAsync(host, GrainId.Create("counter-grain", "C1"));
        var padded = await ReadAsync(host, GrainId.Create("counter-grain", "00c1"));

        Assert.Equal((1, "1"), (upper.State!.Value, upper.ETag));
        Assert.Equal((1, "1"), (padded.State!.Value, padded.ETag));
    }

    private static async Task<GrainState<CounterState>> ReadAsync(OrleansProviderHost host, GrainId grain, string stateName = StateName)
    {
        var state = new GrainState<CounterState>();
        await host.Storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    private static Task WaitForLockWaitersAsync(string connectionString, int count) =>
        WaitUntilAsync(async () => await MigratedDatabase.ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'grain_state' AND NOT l.granted") >= count);

    /// <summary>Polls a condition (not a timing assumption); gives up after 30 s so a broken test fails instead of hanging.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
