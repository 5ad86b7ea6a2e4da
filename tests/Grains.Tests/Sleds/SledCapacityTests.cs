using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Sleds.Capacity;
using ControlPlane.Grains.Tests.Vmms;
using Xunit;

namespace ControlPlane.Grains.Tests.Sleds;

/// <summary>
/// Sled capacity as counters: the ledger's rules (fit, idempotent take/give while in flight), and on a cluster that
/// concurrent reservations and concurrent starts never take more than a sled has, and that everything given back is.
/// </summary>
public sealed class SledCapacityTests
{
    private static SledCapacityClaim Claim(Guid vmm, int cpus = 1, ulong memory = 100) =>
        new() { VmmId = vmm, Cpus = cpus, MemoryMib = memory, SledCpus = 4, SledMemoryMib = 1000 };

    [Fact]
    public void A_take_counts_what_fits_and_refuses_cpu_or_memory_beyond_the_sled()
    {
        var ledger = new SledLedger();
        (ledger, var first) = ledger.Take(Claim(Guid.NewGuid(), cpus: 3));
        Assert.True(first);
        var (unchanged, tooManyCpus) = ledger.Take(Claim(Guid.NewGuid(), cpus: 2));
        Assert.False(tooManyCpus);
        Assert.Same(ledger, unchanged);
        Assert.False(ledger.Take(Claim(Guid.NewGuid(), cpus: 1, memory: 901)).Taken);
        (ledger, var last) = ledger.Take(Claim(Guid.NewGuid(), cpus: 1, memory: 900));
        Assert.True(last);
        Assert.Equal(new SledUsage(4, 1000), ledger.Usage);
    }

    [Fact]
    public void Take_cancel_give_and_their_retries_count_each_vmm_once()
    {
        var vmm = Guid.NewGuid();
        var (taken, _) = new SledLedger().Take(Claim(vmm, cpus: 2));
        var (again, retried) = taken.Take(Claim(vmm, cpus: 2));
        Assert.True(retried);
        Assert.Equal(new SledUsage(2, 100), again.Usage); // a retried take while in flight is not counted twice

        var cancelled = taken.Cancel(Claim(vmm, cpus: 2));
        Assert.Equal(SledUsage.None, cancelled.Usage);
        Assert.Equal(cancelled, cancelled.Cancel(Claim(vmm, cpus: 2))); // nothing in flight: nothing to undo

        var confirmed = taken.Confirm(vmm);
        Assert.Empty(confirmed.Taking);
        var given = confirmed.Give(Claim(vmm, cpus: 2));
        Assert.Equal(SledUsage.None, given.Usage);
        Assert.Equal(given, given.Give(Claim(vmm, cpus: 2))); // a retried give is not counted twice
        Assert.Empty(given.Forget(vmm).Giving);
        Assert.Equal(SledUsage.None, taken.Give(Claim(vmm, cpus: 2)).Usage); // given before its confirmation: still once
    }

    [Fact]
    public async Task Concurrent_reservations_on_one_sled_never_take_more_than_it_has_and_all_come_back()
    {
        await using var c = await VmmCluster.StartAsync(sledCpus: 5);
        var vmms = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        var outcomes = await Task.WhenAll(vmms.Select(async vmm =>
        {
            try
            {
                var request = new SledReservationRequest { VmmId = vmm, Cpus = 1, MemoryMib = 64, SledId = VmmCluster.SledA };
                var reservation = c.Client.GetGrain<ISledReservationGrain>(vmm);
                var sled = await reservation.Reserve(request);
                Assert.Equal(sled, await reservation.Reserve(request)); // idempotent
                return true;
            }
            catch (NoSledCapacityException)
            {
                return false;
            }
        }));

        Assert.Equal(5, outcomes.Count(taken => taken));
        var inventory = c.Client.GetGrain<ISledInventoryGrain>(0);
        Assert.Equal(5, (await inventory.Get(VmmCluster.SledA)).UsedCpus);
        Assert.Equal(0, (await inventory.Get(VmmCluster.SledB)).UsedCpus);

        await Task.WhenAll(vmms.Select(vmm => c.Client.GetGrain<ISledReservationGrain>(vmm).Release()));
        await Task.WhenAll(vmms.Take(5).Select(vmm => c.Client.GetGrain<ISledReservationGrain>(vmm).Release()));
        Assert.Equal(0, (await inventory.Get(VmmCluster.SledA)).UsedCpus);
        Assert.Equal(0UL, (await inventory.Get(VmmCluster.SledA)).UsedMemoryMib);
    }

    [Fact]
    public async Task Concurrent_starts_never_over_commit_a_sled_and_the_usage_is_what_the_running_instances_hold()
    {
        await using var c = await VmmCluster.StartAsync(sledCpus: 6);
        var ids = Enumerable.Range(0, 24).Select(_ => Guid.NewGuid()).ToList();
        var started = await Task.WhenAll(ids.Select(async (id, i) =>
        {
            try
            {
                await c.Instance(id).Create(VmmCluster.Request($"burst-{i}", ncpus: 1));
                return true;
            }
            catch (NoSledCapacityException)
            {
                return false;
            }
        }));

        Assert.Equal(12, started.Count(s => s)); // two sleds of 6 CPUs, one CPU each
        var inventory = c.Client.GetGrain<ISledInventoryGrain>(0);
        foreach (var sled in await inventory.List())
        {
            Assert.InRange(sled.UsedCpus, 0, sled.Cpus);
        }

        var views = await Task.WhenAll(ids.Select(id => c.Instance(id).Find()));
        var placed = views.Where(v => v?.SledId is not null).ToList();
        Assert.Equal(12, placed.Count);
        foreach (var sled in await inventory.List())
        {
            Assert.Equal(placed.Count(v => v!.SledId == sled.Id), sled.UsedCpus);
        }

        foreach (var view in placed)
        {
            await c.Instance(view!.Id).Stop();
        }

        await c.Until(async () => (await inventory.List()).Sum(s => s.UsedCpus) == 0, "every stopped instance gave its CPUs back");
        Assert.All(await Task.WhenAll(ids.Select(id => c.Instance(id).Find())), v => Assert.NotEqual(InstanceRunState.Running, v!.RunState));
    }
}
