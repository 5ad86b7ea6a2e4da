using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Tests.Vmms;
using Xunit;

namespace ControlPlane.Grains.Tests.Instances;

/// <summary>
/// A fault at every step of start and migrate: a failed call to the grain the step talks to, or a failed write of the
/// instance record that records the step's outcome. After each, every sled's usage is what it was before, the instance is
/// in a state the user can act on, nothing is left registered, and the same request retried succeeds.
/// </summary>
public sealed class SagaFaultTests
{
    // Writes of the "instance" state during Start() of a stopped instance: 1 records the saga, 2..6 record the outcomes of
    // ReserveSled, CreateVmmRecord, LinkActiveVmm, RegisterOnSled, EnsureRunning (that last write also clears the saga).
    [Theory]
    [InlineData(2, "ReserveSled")]
    [InlineData(3, "CreateVmmRecord")]
    [InlineData(4, "LinkActiveVmm")]
    [InlineData(5, "RegisterOnSled")]
    [InlineData(6, "EnsureRunning")]
    public async Task Start_Fault_writing_a_steps_outcome_is_undone_and_a_retry_runs(int write, string step)
    {
        await using var c = await VmmCluster.StartAsync();
        var id = await StoppedInstance(c);
        c.StorageFaults.FailNthWrite(write, "instance");
        await Assert.ThrowsAnyAsync<Exception>(() => c.Instance(id).Start());
        await AssertStartUndone(c, id, step);
    }

    [Theory]
    [InlineData("Reserve")]
    public async Task Start_Fault_in_ReserveSled_call_is_undone_and_a_retry_runs(string method)
    {
        await using var c = await VmmCluster.StartAsync();
        var id = await StoppedInstance(c);
        c.CallFaults.FailCall<ISledReservationGrain>(method);
        await Assert.ThrowsAnyAsync<Exception>(() => c.Instance(id).Start());
        await AssertStartUndone(c, id, "ReserveSled");
    }

    [Theory]
    [InlineData("sled-capacity", 1)] // the take on the sled's counters
    [InlineData("sled-reservation", 1)] // the VMM's record of the sled it is taking on
    [InlineData("sled-reservation", 2)] // the VMM's record that the take happened
    [InlineData("sled-capacity", 2)] // the confirmation on the sled's counters
    public async Task Start_Fault_in_a_reservation_write_is_undone_and_a_retry_runs(string stateName, int write)
    {
        await using var c = await VmmCluster.StartAsync();
        var id = await StoppedInstance(c);
        c.StorageFaults.FailNthWrite(write, stateName);
        await Assert.ThrowsAnyAsync<Exception>(() => c.Instance(id).Start());
        await AssertStartUndone(c, id, "ReserveSled");
    }

    [Fact]
    public async Task Start_Fault_in_CreateVmmRecord_write_is_undone_and_a_retry_runs()
    {
        await using var c = await VmmCluster.StartAsync();
        var id = await StoppedInstance(c);
        c.StorageFaults.FailNthWrite(1, "vmm");
        await Assert.ThrowsAnyAsync<Exception>(() => c.Instance(id).Start());
        await AssertStartUndone(c, id, "CreateVmmRecord");
    }

    [Theory]
    [InlineData("Register", "RegisterOnSled")]
    [InlineData("PutState", "EnsureRunning")]
    public async Task Start_Fault_in_a_sled_call_is_undone_and_a_retry_runs(string method, string step)
    {
        await using var c = await VmmCluster.StartAsync();
        var id = await StoppedInstance(c);
        c.CallFaults.FailCall<ISledVmmGrain>(method);
        await Assert.ThrowsAnyAsync<Exception>(() => c.Instance(id).Start());
        await AssertStartUndone(c, id, step);
    }

    // Writes of the "instance" state during Migrate(): 1 records the saga, 2..7 record ReserveSled, CreateVmmRecord,
    // BeginMigrationOut, SetMigrationIds, RegisterOnSled, EnsureMigrating (and clears the saga).
    [Theory]
    [InlineData(2, "ReserveSled")]
    [InlineData(3, "CreateVmmRecord")]
    [InlineData(4, "BeginMigrationOut")]
    [InlineData(5, "SetMigrationIds")]
    [InlineData(6, "RegisterOnSled")]
    [InlineData(7, "EnsureMigrating")]
    public async Task Migrate_Fault_writing_a_steps_outcome_is_undone_and_a_retry_migrates(int write, string step)
    {
        await using var c = await VmmCluster.StartAsync();
        var (view, dst) = await RunningInstance(c);
        c.StorageFaults.FailNthWrite(write, "instance");
        await Assert.ThrowsAnyAsync<Exception>(() => c.Instance(view.Id).Migrate(new InstanceMigrateRequest { DstSledId = dst }));
        await AssertMigrateUndone(c, view, dst, step);
    }

    [Fact]
    public async Task Migrate_Fault_in_ReserveSled_is_undone_and_a_retry_migrates()
    {
        await using var c = await VmmCluster.StartAsync();
        var (view, dst) = await RunningInstance(c);
        c.CallFaults.FailCall<ISledReservationGrain>("Reserve");
        await Assert.ThrowsAnyAsync<Exception>(() => c.Instance(view.Id).Migrate(new InstanceMigrateRequest { DstSledId = dst }));
        await AssertMigrateUndone(c, view, dst, "ReserveSled");
    }

    [Theory]
    [InlineData("Initialize", "CreateVmmRecord")]
    [InlineData("BeginMigrationOut", "BeginMigrationOut")]
    public async Task Migrate_Fault_in_a_vmm_record_call_is_undone_and_a_retry_migrates(string method, string step)
    {
        await using var c = await VmmCluster.StartAsync();
        var (view, dst) = await RunningInstance(c);
        c.CallFaults.FailCall<IVmmGrain>(method);
        await Assert.ThrowsAnyAsync<Exception>(() => c.Instance(view.Id).Migrate(new InstanceMigrateRequest { DstSledId = dst }));
        await AssertMigrateUndone(c, view, dst, step);
    }

    [Theory]
    [InlineData("Register", "RegisterOnSled")]
    [InlineData("PutState", "EnsureMigrating")]
    public async Task Migrate_Fault_in_a_target_sled_call_is_undone_and_a_retry_migrates(string method, string step)
    {
        await using var c = await VmmCluster.StartAsync();
        var (view, dst) = await RunningInstance(c);
        c.CallFaults.FailCall<ISledVmmGrain>(method);
        await Assert.ThrowsAnyAsync<Exception>(() => c.Instance(view.Id).Migrate(new InstanceMigrateRequest { DstSledId = dst }));
        await AssertMigrateUndone(c, view, dst, step);
    }

    [Fact]
    public async Task Start_Undo_that_fails_is_retried_until_the_reservation_is_released()
    {
        await using var c = await VmmCluster.StartAsync();
        var id = await StoppedInstance(c);
        // The registration fails, and so does the first attempt to release the reservation while unwinding.
        c.CallFaults.FailCall<ISledVmmGrain>("Register");
        c.CallFaults.FailCall<ISledReservationGrain>("Release");
        await Assert.ThrowsAnyAsync<Exception>(() => c.Instance(id).Start());
        await c.Until(async () => await UsedCpus(c) == 0, "the unwind retried and released the reservation");
        await c.UntilInstance(id, v => v.RunState == InstanceRunState.Stopped && v.ActiveVmmId is null, "stopped");
        Assert.Equal(InstanceRunState.Running, (await RetryStart(c, id)).RunState);
    }

    private static async Task<Guid> StoppedInstance(VmmCluster c)
    {
        var id = Guid.NewGuid();
        await c.Instance(id).Create(VmmCluster.Request("web", start: false));
        Assert.Equal(0, await UsedCpus(c));
        return id;
    }

    private static async Task<(InstanceView View, Guid Dst)> RunningInstance(VmmCluster c)
    {
        var view = await c.RunningInstance("web");
        return (view, view.SledId == VmmCluster.SledA ? VmmCluster.SledB : VmmCluster.SledA);
    }

    private static async Task AssertStartUndone(VmmCluster c, Guid id, string step)
    {
        Assert.True(c.StorageFaults.Injected + c.CallFaults.Injected > 0, $"no fault was injected at {step}");
        c.StorageFaults.Clear();
        c.CallFaults.Clear();
        Assert.Equal(0, await UsedCpus(c)); // what it was before the start, with nothing waiting to be released
        var after = await c.Instance(id).Get();
        Assert.Equal(InstanceRunState.Stopped, after.RunState);
        Assert.Null(after.ActiveVmmId);
        Assert.Empty(await LiveTrackedVmms(c));
        var running = await RetryStart(c, id);
        Assert.Equal(InstanceRunState.Running, running.RunState);
        Assert.Equal(2, await UsedCpus(c));
    }

    private static async Task AssertMigrateUndone(VmmCluster c, InstanceView before, Guid dst, string step)
    {
        Assert.True(c.StorageFaults.Injected + c.CallFaults.Injected > 0, $"no fault was injected at {step}");
        c.StorageFaults.Clear();
        c.CallFaults.Clear();
        var inventory = c.Client.GetGrain<ISledInventoryGrain>(0);
        Assert.Equal(2, (await inventory.Get(before.SledId!.Value)).UsedCpus);
        Assert.Equal(0, (await inventory.Get(dst)).UsedCpus);
        var after = await c.UntilInstance(before.Id, v => v.RunState == InstanceRunState.Running, "running on its source");
        Assert.Equal(before.ActiveVmmId, after.ActiveVmmId);
        Assert.Null(after.MigrationId);
        Assert.Null(after.TargetVmmId);
        Assert.Equal(new[] { before.ActiveVmmId!.Value }, await LiveTrackedVmms(c));

        await c.Instance(before.Id).Migrate(new InstanceMigrateRequest { DstSledId = dst });
        var moved = await c.UntilInstance(before.Id, v => v.RunState == InstanceRunState.Running && v.MigrationId is null && v.SledId == dst, "migrated on retry");
        await c.Until(async () => (await inventory.Get(before.SledId!.Value)).UsedCpus == 0, "source released");
        Assert.Equal(2, (await inventory.Get(dst)).UsedCpus);
        Assert.NotEqual(before.ActiveVmmId, moved.ActiveVmmId);
    }

    private static async Task<InstanceView> RetryStart(VmmCluster c, Guid id)
    {
        await c.Instance(id).Start();
        return await c.UntilInstance(id, v => v.RunState == InstanceRunState.Running, "running on retry");
    }

    private static async Task<int> UsedCpus(VmmCluster c) => (await c.Client.GetGrain<ISledInventoryGrain>(0).List()).Sum(s => s.UsedCpus);

    /// <summary>VMMs the watcher still tracks whose record is not deleted: what the instance still holds.</summary>
    private static async Task<List<Guid>> LiveTrackedVmms(VmmCluster c)
    {
        var live = new List<Guid>();
        foreach (var vmmId in await c.Client.GetGrain<IInstanceWatcherShardsGrain>(0).Tracked())
        {
            if (await c.Vmm(vmmId).Get() is { Deleted: false })
            {
                live.Add(vmmId);
            }
        }

        return live;
    }
}
