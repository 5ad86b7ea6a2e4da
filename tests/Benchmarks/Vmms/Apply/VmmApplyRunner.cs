using System.Diagnostics;
using ControlPlane.Benchmarks.Runtime.CrossSilo;
using ControlPlane.Grains.Abstractions.Vmms;
using Orleans;
using V2 = ControlPlane.Grains.Abstractions.Vmms.V2;

namespace ControlPlane.Benchmarks.Vmms.Apply;

/// <summary>
/// Drives measured change cycles on running VMMs, one concurrent caller per VMM. A cycle: the caller registers
/// waiters for generations g+1 and g+2, takes a Stopwatch timestamp and asks the sled grain to reboot the VMM; the
/// sled observes <c>rebooting</c> at g+1 in that turn (the measured change) and <c>running</c> at g+2 one reboot
/// duration later (the automatic change that brings the VMM back). The latency is from the timestamp to the store's
/// acknowledgement of the first write at g+1 or newer (<see cref="AppliedGenerationSignal"/>); the cycle ends once
/// g+2 is persisted too, so every cycle starts quiet.
/// </summary>
public static class VmmApplyRunner
{
    private static readonly TimeSpan ChangeTimeout = TimeSpan.FromSeconds(30);

    /// <param name="scenario">The row's name.</param>
    /// <param name="grains">The silo's co-hosted client.</param>
    /// <param name="signal">The completion signal fed by the decorated store.</param>
    /// <param name="path">How the change reaches the Nexus side.</param>
    /// <param name="targets">One VMM per caller (the first <paramref name="callers"/> are used).</param>
    /// <param name="callers">Concurrent callers, each on its own VMM.</param>
    /// <param name="cyclesPerCaller">Measured change cycles per caller.</param>
    /// <param name="warmupCyclesPerCaller">Unmeasured cycles per caller first (JIT, activations, connections).</param>
    /// <param name="jitter">
    /// For the polling baseline: a random pause in [0, jitter) before each change, so changes land at random phases of
    /// the watcher's period instead of right after the pass that ended the previous cycle.
    /// </param>
    public static async Task<LatencySample> MeasureAsync(
        string scenario, IGrainFactory grains, AppliedGenerationSignal signal, VmmApplyPath path,
        IReadOnlyList<VmmApplyTarget> targets, int callers, int cyclesPerCaller, int warmupCyclesPerCaller, TimeSpan jitter)
    {
        Console.Error.WriteLine($"  {scenario}: warm-up ({callers} x {warmupCyclesPerCaller} changes)");
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller =>
            RunCallerAsync(grains, signal, path, targets[caller], warmupCyclesPerCaller, jitter, new Random(1000 + caller), null, 0)));

        Console.Error.WriteLine($"  {scenario}: measuring ({callers} x {cyclesPerCaller} changes)");
        var ticks = new long[callers * cyclesPerCaller];
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(() =>
            RunCallerAsync(grains, signal, path, targets[caller], cyclesPerCaller, jitter, new Random(caller), ticks, caller * cyclesPerCaller))));
        wall.Stop();
        var sample = new LatencySample(scenario, callers, ticks, wall.Elapsed);
        Console.Error.WriteLine($"  {scenario}: p50 {sample.PercentileMicroseconds(50) / 1000:F3} ms, p99 {sample.PercentileMicroseconds(99) / 1000:F3} ms, min {sample.PercentileMicroseconds(0) / 1000:F3} ms");
        return sample;
    }

    private static async Task RunCallerAsync(
        IGrainFactory grains, AppliedGenerationSignal signal, VmmApplyPath path, VmmApplyTarget target,
        int cycles, TimeSpan jitter, Random random, long[]? ticks, int offset)
    {
        var sled = grains.GetSledVmm(target.SledId, target.VmmId);
        var vmm = grains.GetGrain<IVmmGrain>(target.VmmId);
        var generation = (await sled.GetStateV2() ?? throw new InvalidOperationException($"VMM {target.VmmId} is not on its sled.")).VmmState.Gen.Value;
        for (var i = 0; i < cycles; i++)
        {
            if (jitter > TimeSpan.Zero)
            {
                await Task.Delay(TimeSpan.FromTicks(random.NextInt64(jitter.Ticks)));
            }

            var changed = signal.WhenPersisted(target.VmmId, generation + 1);
            var settled = signal.WhenPersisted(target.VmmId, generation + 2);
            var start = Stopwatch.GetTimestamp();
            var response = await sled.PutState(new VmmStateRequested.Reboot());
            var body = response.UpdatedRuntime ?? throw new InvalidOperationException($"VMM {target.VmmId} vanished.");
            if (body.VmmState.Gen.Value != generation + 1)
            {
                throw new InvalidOperationException($"VMM {target.VmmId}: expected the reboot to observe generation {generation + 1}, got {body.VmmState.Gen.Value}.");
            }

            await PushAsync(vmm, path, body);
            var applied = await changed.WaitAsync(ChangeTimeout);
            if (ticks is not null)
            {
                ticks[offset + i] = applied - start;
            }

            if (path is VmmApplyPath.PushWithBody or VmmApplyPath.LegacyUpcall)
            {
                // The sled would push its next change too: poll it (1 ms) until the reboot finished, then push that body (unmeasured).
                V2.SledVmmState? running;
                while ((running = await sled.GetStateV2())?.VmmState.Gen.Value < generation + 2)
                {
                    await Task.Delay(1);
                }

                await PushAsync(vmm, path, running ?? throw new InvalidOperationException($"VMM {target.VmmId} vanished."));
            }

            await settled.WaitAsync(ChangeTimeout);
            generation += 2;
        }
    }

    /// <summary>What the sled side sends besides its doorbell (nothing on the doorbell and polling paths).</summary>
    private static Task PushAsync(IVmmGrain vmm, VmmApplyPath path, V2.SledVmmState state) => path switch
    {
        VmmApplyPath.PushWithBody => vmm.Apply(V2.SledVmmState.FromV1(state.ToV1())), // the frozen v1 body, as the old upcall carried it
        VmmApplyPath.LegacyUpcall => vmm.PutLegacy(state.ToV1()),
        _ => Task.CompletedTask,
    };
}
