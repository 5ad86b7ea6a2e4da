using ControlPlane.Failover.Tests.History;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Testing;
using ControlPlane.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace ControlPlane.Failover.Tests;

/// <summary>
/// Saga crash in the middle, on PostgreSQL: the silo running an instance's start or migration kills its own process
/// (SIGKILL) right after recording one step, before the next (<see cref="ControlPlaneTestSettings.CrashAfterStep"/>).
/// The instance, activated on another silo, unwinds from its saga log: afterwards it is at rest, every sled's usage
/// equals the reservations of its live VMMs, nothing it created is left on a sled, and the operation retried succeeds.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SagaCrashTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [PostgresTheory]
    [InlineData("Start:ReserveSled")]
    [InlineData("Start:RegisterOnSled")]
    [InlineData("Migrate:RegisterOnSled")]
    public async Task Saga_crash_between_two_steps_unwinds_after_failover_and_leaks_no_reservation(string crashAfter)
    {
        var marker = Path.Combine(Path.GetTempPath(), $"saga-crash-{Guid.NewGuid():N}");
        await using var cluster = await FailoverCluster.StartAsync(
            await postgres.Server.CreateDatabaseAsync(),
            settings: new Dictionary<string, string?> { [ControlPlaneTestSettings.CrashAfterStep] = crashAfter, [ControlPlaneTestSettings.CrashMarker] = marker });
        try
        {
            var instance = cluster.Client.GetGrain<IInstanceGrain>(Guid.NewGuid());
            var migrating = crashAfter.StartsWith("Migrate", StringComparison.Ordinal);
            Task operation;
            InstanceView? before = null;
            if (migrating)
            {
                await instance.Create(Workload.Request("crash-1"));
                before = await Poll.UntilValue(() => instance.Get(), v => v.RunState == InstanceRunState.Running, "running before the migration");
                operation = instance.Migrate(new InstanceMigrateRequest { DstSledId = before.SledId == TestSleds.A ? TestSleds.B : TestSleds.A });
            }
            else
            {
                operation = instance.Create(Workload.Request("crash-1"));
            }

            var failure = await Record.ExceptionAsync(() => operation);
            output.WriteLine($"the operation ended with {failure?.GetType().Name ?? "success"}: {failure?.Message}");
            Assert.True(File.Exists(marker), $"no silo died after {crashAfter}");
            var words = File.ReadAllText(marker).Split(' ');
            var (victim, pid) = (words[^3], int.Parse(words[^1], System.Globalization.CultureInfo.InvariantCulture));
            output.WriteLine(string.Join(' ', words));
            await Poll.Until(() => Task.FromResult(!IsRunning(pid)), $"silo process {pid} gone");
            Assert.NotNull(failure); // its caller never got an answer

            // The silo comes back (so both sleds can be used again), as after any crash; the instance has moved on meanwhile.
            await cluster.Revive(victim);
            await cluster.UntilSledsReachable(TestSleds.A, TestSleds.B);
            var workload = new Workload(cluster.Client, workers: 0, seed: 0);
            workload.Adopt(instance.GetPrimaryKey());
            var final = await workload.UntilQuiet();
            output.WriteLine(Workload.Describe(final));
            Assert.Empty(HistoryChecker.SledUsageMatchesReservations(final));
            var after = await instance.Get();
            if (migrating && victim != FailoverCluster.SiloName(before!.SledId == TestSleds.A ? 1 : 2))
            {
                // The source's sled lived: the instance still runs its source VMM, the migration unwound.
                Assert.Equal((InstanceRunState.Running, before.ActiveVmmId, (Guid?)null), (after.RunState, after.ActiveVmmId, after.MigrationId));
            }
            else if (migrating)
            {
                // Its source died with its silo: the instance failed and its auto-restart policy brings it back.
                after = await Poll.UntilValue(() => instance.Get(), v => v.RunState == InstanceRunState.Running, "restarted after its source died");
            }
            else
            {
                Assert.Equal((InstanceRunState.Stopped, (Guid?)null), (after.RunState, after.ActiveVmmId)); // unwound, not left starting
            }

            // Retried, the operation succeeds, and usage follows it.
            if (migrating)
            {
                var dst = after.SledId == TestSleds.A ? TestSleds.B : TestSleds.A;
                await instance.Migrate(new InstanceMigrateRequest { DstSledId = dst });
                await Poll.UntilValue(() => instance.Get(), v => v.RunState == InstanceRunState.Running && v.SledId == dst && v.MigrationId is null, "migrated on retry");
            }
            else
            {
                await instance.Start();
                await Poll.UntilValue(() => instance.Get(), v => v.RunState == InstanceRunState.Running, "running on retry");
            }

            var settled = await workload.UntilQuiet();
            Assert.Empty(HistoryChecker.SledUsageMatchesReservations(settled));
            Assert.Equal(1, (await cluster.Inventory.List()).Sum(s => s.UsedCpus));
        }
        finally
        {
            File.Delete(marker);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
