using ControlPlane.Benchmarks.Runtime.CrossSilo;

namespace ControlPlane.Benchmarks.Vmms.Apply;

/// <summary>One line of the <c>vmm-apply</c> table: a measured sample, or a scenario that could not run and why.</summary>
public sealed record VmmApplyRow(string Path, string Store, LatencySample? Sample, string? Skipped = null)
{
    /// <summary>Sled-side changes that reached the Nexus side per second: two per cycle (the measured one and the reboot's completion).</summary>
    public double ChangesPerSecond => Sample is null ? 0 : 2 * Sample.Calls / Sample.Elapsed.TotalSeconds;
}
