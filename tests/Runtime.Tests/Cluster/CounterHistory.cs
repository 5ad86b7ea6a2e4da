using System.Collections.Concurrent;

namespace ControlPlane.Runtime.Tests.Cluster;

/// <summary>
/// A history checker for a counter workload: per counter, increments whose success was acknowledged and increments
/// whose outcome is unknown (timeouts, lost connections, rejections). No increment may be lost and none applied twice:
/// acknowledged &lt;= final &lt;= acknowledged + unknown.
/// </summary>
public sealed class CounterHistory
{
    private readonly ConcurrentDictionary<long, long> _acknowledged = new();
    private readonly ConcurrentDictionary<long, long> _unknown = new();
    private readonly ConcurrentDictionary<string, long> _failures = new();

    public long TotalAcknowledged => _acknowledged.Values.Sum();

    public long TotalUnknown => _unknown.Values.Sum();

    public IReadOnlyDictionary<string, long> FailuresByType => _failures;

    public void Acknowledged(long counter, long delta) => _acknowledged.AddOrUpdate(counter, delta, (_, v) => v + delta);

    public void Unknown(long counter, long delta, Exception error)
    {
        _unknown.AddOrUpdate(counter, delta, (_, v) => v + delta);
        _failures.AddOrUpdate(error.GetType().Name, 1, (_, v) => v + 1);
    }

    /// <summary>Every counter whose final value breaks the bounds, with the numbers; empty when the history is consistent.</summary>
    public IReadOnlyList<string> Violations(IReadOnlyDictionary<long, long> finals)
    {
        var violations = new List<string>();
        foreach (var (counter, final) in finals)
        {
            var acknowledged = _acknowledged.GetValueOrDefault(counter);
            var unknown = _unknown.GetValueOrDefault(counter);
            if (final < acknowledged)
            {
                violations.Add($"counter {counter}: final {final} < acknowledged {acknowledged} (an acknowledged increment was lost)");
            }
            else if (final > acknowledged + unknown)
            {
                violations.Add($"counter {counter}: final {final} > acknowledged {acknowledged} + unknown {unknown} (an increment was applied twice)");
            }
        }

        return violations;
    }
}
