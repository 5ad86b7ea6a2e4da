using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.V1;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Vmms;
using ControlPlane.Grains.Vmms.Nexus;
using ControlPlane.Grains.Vmms.Sled;
using Xunit;
using V2 = ControlPlane.Grains.Abstractions.Vmms.V2;
using V3 = ControlPlane.Grains.Abstractions.Specs.V6;

namespace ControlPlane.Grains.Tests.Vmms;

/// <summary>
/// Deterministic, seeded interleavings over the pure core: a simulated sled VMM driven by random events, and a
/// Nexus record fed by doorbell-triggered pulls (delivered late, duplicated, reordered) and watcher passes.
/// </summary>
public sealed class RandomizedInterleavingTests
{
    private static readonly VmmOptions Timings = new();
    private static readonly V3.InstanceSpec Spec = new()
    {
        Board = new Board { Cpus = 1, MemoryMb = 512, Chipset = new I440Fx { EnablePcie = false } },
        Components = ComponentMap<V3.IComponent>.Empty,
    };

    [Fact]
    public void A_thousand_seeded_interleavings_never_lower_the_persisted_generation_and_converge_on_the_sleds_state()
    {
        for (var seed = 0; seed < 1_000; seed++)
        {
            RunOne(seed);
        }
    }

    private static void RunOne(int seed)
    {
        var random = new Random(seed);
        var now = DateTimeOffset.UnixEpoch;
        var vmmId = Guid.NewGuid();
        var sled = SledVmmMachine.Register(new VmmRegistration
        {
            InstanceId = Guid.NewGuid(),
            Spec = Spec,
            VmmRuntime = new V2.VmmRuntimeState { State = Abstractions.Vmms.V1.VmmState.Starting, Gen = new Generation(2), TimeUpdated = now },
        }, now);
        var nexus = VmmUpdateRules.Create(vmmId, new VmmInitialization { InstanceId = sled.InstanceId, SledId = Guid.NewGuid() }, now);
        var pending = new List<SledVmmEvent>(); // scheduled events, delivered in random order
        var inFlight = new List<V2.SledVmmState>(); // pulled states not yet applied (late delivery)
        var delivered = new List<V2.SledVmmState>(); // for duplicates
        var coalescer = default(DoorbellCoalescer);

        void Persist(V2.SledVmmState state)
        {
            var before = nexus.Generation;
            nexus = VmmUpdateRules.Apply(nexus, state).Vmm;
            Assert.True(nexus.Generation >= before, $"seed {seed}: generation went from {before} to {nexus.Generation}");
            delivered.Add(state);
        }

        void Sled(SledVmmEvent @event)
        {
            var transition = SledVmmMachine.Apply(sled, @event, now, Timings);
            sled = transition.Vmm;
            pending.AddRange(transition.Scheduled.Select(s => s.Event));
            if (transition.Changed && random.Next(4) != 0) // a quarter of the doorbells are lost
            {
                (coalescer, var start) = coalescer.Ring();
                if (start)
                {
                    inFlight.Add(sled.ToState());
                }
            }
        }

        SledVmmEvent[] external =
        [
            new SledVmmEvent.Requested(new VmmStateRequested.Running()),
            new SledVmmEvent.Requested(new VmmStateRequested.Reboot()),
            new SledVmmEvent.Requested(new VmmStateRequested.Stopped()),
            new SledVmmEvent.GuestShutdown(),
            new SledVmmEvent.Crashed("boom"),
        ];
        for (var step = 0; step < 60; step++)
        {
            now = now.AddMilliseconds(random.Next(1, 50));
            switch (random.Next(7))
            {
                case 0:
                    Sled(external[random.Next(external.Length)]);
                    break;
                case 1 or 2 when pending.Count > 0:
                    var index = random.Next(pending.Count);
                    var due = pending[index];
                    pending.RemoveAt(index);
                    Sled(due);
                    break;
                case 3 when inFlight.Count > 0:
                    // A pull's answer is applied, possibly after later ones (out of order).
                    var pulled = inFlight[random.Next(inFlight.Count)];
                    inFlight.Remove(pulled);
                    Persist(pulled);
                    (coalescer, var again) = coalescer.Pulling ? coalescer.PullFinished() : (coalescer, false);
                    if (again)
                    {
                        inFlight.Add(sled.ToState());
                    }

                    break;
                case 4 when delivered.Count > 0:
                    Persist(delivered[random.Next(delivered.Count)]); // duplicate delivery
                    break;
                case 5:
                    Persist(sled.ToState()); // watcher pass
                    break;
                default:
                    (coalescer, var start) = coalescer.Ring(); // a spurious doorbell
                    if (start)
                    {
                        inFlight.Add(sled.ToState());
                    }

                    break;
            }
        }

        // Drain: deliver everything still owed, then one watcher pass.
        foreach (var late in inFlight.OrderBy(_ => random.Next()))
        {
            Persist(late);
        }

        Persist(sled.ToState());
        Assert.Equal(VmmStateMapping.ToNexus(sled.Runtime.State), nexus.State);
        Assert.Equal(sled.Runtime.Gen, nexus.Generation);
        // Every pull is owed to a distinct doorbell (the idle one that started it, or one that rang during the previous pull).
        Assert.True(coalescer.Pulls <= coalescer.Doorbells, $"seed {seed}: {coalescer.Pulls} pulls for {coalescer.Doorbells} doorbells");
    }
}
