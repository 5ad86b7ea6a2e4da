using Xunit;

namespace ControlPlane.Failover.Tests.History;

/// <summary>The checker on small hand-made histories: each bad one must be caught, and the good one must pass.</summary>
public sealed class HistoryCheckerTests
{
    private static readonly Guid X = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid V1 = Guid.Parse("00000000-0000-0000-0000-0000000000b1");
    private static readonly Guid V2 = Guid.Parse("00000000-0000-0000-0000-0000000000b2");
    private static readonly Guid SledA = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid SledB = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    private static InstanceFact Instance(long generation, Guid? active = null, Guid? sled = null, Guid? target = null, Guid? targetSled = null) =>
        new(X, generation, active, sled, target, targetSled, 2, 1024, active is null ? "Stopped" : "Running");

    private static VmmFact Vmm(Guid id, long generation, string state = "Running", Guid? sled = null) =>
        new(id, X, sled ?? SledA, generation, state, state is "Starting" or "Running" or "Stopping" or "Rebooting" or "Migrating");

    private static Operation Op(OperationKind kind, long start, long end, OutcomeKind outcome = OutcomeKind.Ok, InstanceFact? instance = null, VmmFact? vmm = null) =>
        new(0, kind, X, start, end, outcome, instance, vmm?.VmmId, vmm);

    private static FinalState Final(InstanceFact? instance, IEnumerable<VmmFact>? vmms = null, params SledUsage[] sleds) =>
        new(new Dictionary<Guid, InstanceFact?> { [X] = instance }, (vmms ?? []).ToDictionary(v => v.VmmId, v => (VmmFact?)v), sleds);

    private static readonly SledUsage[] Idle = [new(SledA, 0, 0), new(SledB, 0, 0)];

    [Fact]
    public void A_consistent_history_passes()
    {
        var history = new[]
        {
            Op(OperationKind.Create, 0, 10, instance: Instance(1)),
            Op(OperationKind.Start, 5, 30, OutcomeKind.Unknown),
            Op(OperationKind.ReadInstance, 31, 32, instance: Instance(3, V1, SledA)),
            Op(OperationKind.ReadVmm, 33, 34, vmm: Vmm(V1, 2, "Starting")),
            Op(OperationKind.ReadVmm, 35, 36, vmm: Vmm(V1, 3)),
            Op(OperationKind.ReadVmm, 35, 36, vmm: Vmm(V1, 3)),
            Op(OperationKind.ReadInstance, 40, 41, instance: Instance(3, V1, SledA)),
        };
        var final = Final(Instance(3, V1, SledA), [Vmm(V1, 3)], new SledUsage(SledA, 2, 1024), new SledUsage(SledB, 0, 0));
        Assert.Empty(HistoryChecker.Check(history, final));
    }

    [Fact]
    public void An_acknowledged_create_that_is_later_not_found_is_a_lost_write()
    {
        var history = new[] { Op(OperationKind.Create, 0, 10, instance: Instance(1)), Op(OperationKind.Start, 11, 12, OutcomeKind.NotFound) };
        Assert.Single(HistoryChecker.LostCreates(history, Final(Instance(1), null, Idle)));
    }

    [Fact]
    public void An_acknowledged_create_gone_at_the_end_without_a_delete_is_a_lost_write()
    {
        var history = new[] { Op(OperationKind.Create, 0, 10, instance: Instance(1)) };
        Assert.Single(HistoryChecker.LostCreates(history, Final(null, null, Idle)));
    }

    [Fact]
    public void A_not_found_after_an_unacknowledged_delete_is_not_a_lost_create()
    {
        var history = new[]
        {
            Op(OperationKind.Create, 0, 10, instance: Instance(1)),
            Op(OperationKind.Delete, 11, 20, OutcomeKind.Unknown),
            Op(OperationKind.ReadInstance, 21, 22, OutcomeKind.NotFound),
        };
        Assert.Empty(HistoryChecker.Check(history, Final(null, null, Idle)));
    }

    [Fact]
    public void An_instance_read_after_an_acknowledged_delete_is_a_lost_delete()
    {
        var history = new[]
        {
            Op(OperationKind.Create, 0, 10, instance: Instance(1)),
            Op(OperationKind.Delete, 11, 20),
            Op(OperationKind.ReadInstance, 21, 22, instance: Instance(2)),
        };
        Assert.Single(HistoryChecker.LostDeletes(history, Final(null, null, Idle)));
        Assert.Single(HistoryChecker.LostDeletes(history.Take(2).ToList(), Final(Instance(2), null, Idle)));
    }

    [Fact]
    public void An_instance_generation_going_backwards_in_real_time_is_caught_but_overlapping_calls_may_disagree()
    {
        var backwards = new[] { Op(OperationKind.Stop, 0, 10, instance: Instance(5)), Op(OperationKind.ReadInstance, 11, 12, instance: Instance(4)) };
        Assert.Single(HistoryChecker.InstanceGenerations(backwards));

        var overlapping = new[] { Op(OperationKind.Stop, 0, 10, instance: Instance(5)), Op(OperationKind.ReadInstance, 9, 12, instance: Instance(4)) };
        Assert.Empty(HistoryChecker.InstanceGenerations(overlapping));
    }

    [Fact]
    public void A_vmm_generation_going_backwards_or_applied_twice_is_caught()
    {
        var backwards = new[] { Op(OperationKind.ReadVmm, 0, 1, vmm: Vmm(V1, 4)), Op(OperationKind.ReadVmm, 2, 3, vmm: Vmm(V1, 3)) };
        Assert.Single(HistoryChecker.VmmGenerations(backwards));

        var twice = new[] { Op(OperationKind.ReadVmm, 0, 1, vmm: Vmm(V1, 4, "Running")), Op(OperationKind.ReadVmm, 2, 3, vmm: Vmm(V1, 4, "Stopping")) };
        Assert.Single(HistoryChecker.VmmGenerations(twice));
    }

    [Fact]
    public void Two_live_vmms_for_one_instance_without_a_migration_are_caught()
    {
        var final = Final(Instance(3, V1, SledA), [Vmm(V1, 3), Vmm(V2, 3, sled: SledB)], new SledUsage(SledA, 2, 1024), new SledUsage(SledB, 0, 0));
        Assert.Single(HistoryChecker.ActiveVmms(final));

        var migrating = Final(Instance(3, V1, SledA, V2, SledB), [Vmm(V1, 3), Vmm(V2, 3, "Migrating", SledB)], new SledUsage(SledA, 2, 1024), new SledUsage(SledB, 2, 1024));
        Assert.Empty(HistoryChecker.Check([], migrating));
    }

    [Fact]
    public void A_live_vmm_its_instance_does_not_point_at_is_caught()
    {
        var final = Final(Instance(3), [Vmm(V1, 3)], Idle);
        Assert.Single(HistoryChecker.ActiveVmms(final));
    }

    [Fact]
    public void Sled_usage_that_differs_from_the_live_vmms_reservations_is_caught()
    {
        var leaked = Final(Instance(3), [Vmm(V1, 5, "Failed")], new SledUsage(SledA, 2, 1024), new SledUsage(SledB, 0, 0));
        Assert.Single(HistoryChecker.SledUsageMatchesReservations(leaked));

        var missing = Final(Instance(3, V1, SledA), [Vmm(V1, 3)], Idle);
        Assert.Single(HistoryChecker.SledUsageMatchesReservations(missing));
    }
}
