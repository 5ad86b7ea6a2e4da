namespace ControlPlane.Grains.Testing.Faults;

/// <summary>
/// Which grain-state writes of this silo fail (read by <see cref="FaultInjectingGrainStorage"/>): the Nth write from
/// now of any state, the Nth write of one state name, or every write of one state name until <see cref="Clear"/>.
/// A failed write never reaches the real storage (it did not commit).
/// </summary>
public sealed class StorageFaults
{
    private readonly Lock gate = new();
    private readonly List<Rule> rules = [];

    /// <summary>Writes that failed because of a rule, since the silo started.</summary>
    public int Injected { get; private set; }

    /// <summary>The <paramref name="nth"/> write from now (of <paramref name="stateName"/> when given) fails, once.</summary>
    public void FailNthWrite(int nth, string? stateName = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nth, 1);
        lock (gate)
        {
            rules.Add(new Rule(stateName, nth, every: false));
        }
    }

    /// <summary>Every write of <paramref name="stateName"/> fails until <see cref="Clear"/>.</summary>
    public void FailEveryWrite(string stateName)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        lock (gate)
        {
            rules.Add(new Rule(stateName, 1, every: true));
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    /// <summary>Throws <see cref="InjectedFaultException"/> when a rule says this write fails.</summary>
    internal void OnWrite(string stateName)
    {
        lock (gate)
        {
            foreach (var rule in rules.ToList())
            {
                if (rule.StateName is not null && !string.Equals(rule.StateName, stateName, StringComparison.Ordinal))
                {
                    continue;
                }

                if (rule.Every || --rule.Remaining == 0)
                {
                    if (!rule.Every)
                    {
                        rules.Remove(rule);
                    }

                    Injected++;
                    throw new InjectedFaultException($"Injected storage fault: write of '{stateName}' failed.");
                }
            }
        }
    }

    private sealed class Rule(string? stateName, int nth, bool every)
    {
        public string? StateName { get; } = stateName;

        public int Remaining { get; set; } = nth;

        public bool Every { get; } = every;
    }
}
