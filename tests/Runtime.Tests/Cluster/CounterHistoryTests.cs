using Xunit;

namespace ControlPlane.Runtime.Tests.Cluster;

/// <summary>The checker itself must catch both kinds of violation, or the chaos test proves nothing.</summary>
public sealed class CounterHistoryTests
{
    [Fact]
    public void A_lost_acknowledged_increment_and_a_double_application_are_both_reported()
    {
        var history = new CounterHistory();
        history.Acknowledged(1, 3);
        history.Acknowledged(2, 2);
        history.Unknown(2, 1, new TimeoutException());
        history.Acknowledged(3, 1);

        var violations = history.Violations(new Dictionary<long, long> { [1] = 2, [2] = 3, [3] = 2 });

        Assert.Equal(2, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("counter 1:", StringComparison.Ordinal) && v.Contains("lost", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("counter 3:", StringComparison.Ordinal) && v.Contains("twice", StringComparison.Ordinal));
        Assert.Empty(history.Violations(new Dictionary<long, long> { [1] = 3, [2] = 2 })); // an unknown call may or may not have run
    }
}
