using System.Text;
using ControlPlane.Runtime.Membership;
using ControlPlane.TestSupport;
using Npgsql;
using Xunit;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>
/// The race the fenced write statement closes: a zombie's write that has passed its fence check but not yet
/// committed. The statement share-locks the directory row, so a takeover waits for that write, and the new owner's
/// first read sees it; without the lock, the write would commit after the new owner had read.
/// </summary>
public sealed class PostgresFencingRaceTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [PostgresFact]
    public async Task A_takeover_waits_for_an_in_flight_write_of_the_old_owner_so_the_new_owner_reads_it()
    {
        await using var backend = await PostgresClusterBackend.CreateAsync(await fixture.Server.CreateDatabaseAsync());
        var oldSilo = await backend.JoinAsync(ClusterBackend.LongLease);
        var newSilo = await backend.JoinAsync(ClusterBackend.LongLease);
        var old = await backend.OwnAsync(oldSilo);
        var key = new GrainStateKey(old.GrainId, "spec");
        var first = await backend.Storage.WriteAsync(key, Encoding.UTF8.GetBytes("{\"n\":1}"), null, old.FencingToken, None);

        // Hold the state row, so the zombie's write stops after its fence check, before it can commit.
        await using var blocker = await backend.DataSource.OpenConnectionAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM grain_state WHERE grain_key = @key FOR UPDATE", blocker, hold))
        {
            lockRow.Parameters.AddWithValue("key", key.GrainId.Key);
            await lockRow.ExecuteNonQueryAsync();
        }

        var zombieWrite = Task.Run(() => backend.Storage.WriteAsync(key, Encoding.UTF8.GetBytes("{\"n\":2}"), first, old.FencingToken, None));
        await WaitForLockWaitersAsync(backend, 1, () => zombieWrite.IsCompleted);

        await backend.Membership.SetStatusAsync(oldSilo, SiloLifecycleStatus.Dead, None);
        var takeover = Task.Run(() => backend.Directory.RegisterAsync(old.GrainId, newSilo, Guid.NewGuid(), None));
        await WaitForLockWaitersAsync(backend, 2, () => takeover.IsCompleted);
        var readBeforeRelease = takeover.IsCompleted ? await backend.Storage.ReadAsync(key, None) : null;

        await hold.CommitAsync();
        var zombieEtag = await zombieWrite;
        var taken = await takeover;
        var readByNewOwner = readBeforeRelease ?? await backend.Storage.ReadAsync(key, None);

        Assert.Equal(newSilo, taken.Silo);
        Assert.Equal(zombieEtag, readByNewOwner!.Etag);
        await Assert.ThrowsAsync<ActivationFencedException>(() =>
            backend.Storage.WriteAsync(key, Encoding.UTF8.GetBytes("{\"n\":3}"), zombieEtag, old.FencingToken, None));
    }

    /// <summary>Polls until <paramref name="count"/> sessions wait on a lock, or <paramref name="done"/> (the waiter finished instead).</summary>
    private static async Task WaitForLockWaitersAsync(PostgresClusterBackend backend, int count, Func<bool> done)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!done() && DateTime.UtcNow < giveUp)
        {
            await using var command = backend.DataSource.CreateCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
            if ((long)(await command.ExecuteScalarAsync())! >= count)
            {
                return;
            }

            await Task.Delay(10);
        }
    }
}
