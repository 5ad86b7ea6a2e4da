using Orleans;

namespace ControlPlane.Grains.Testing.Faults;

/// <summary>
/// Which incoming grain calls on this silo fail (read by <see cref="GrainCallFaultFilter"/>): the Nth call from now of
/// one method of one grain interface (a sled VMM's Register, the inventory's Reserve, ...). The call fails before the
/// grain runs it.
/// </summary>
public sealed class GrainCallFaults
{
    private readonly Lock gate = new();
    private readonly List<Rule> rules = [];

    public int Injected { get; private set; }

    /// <summary>The <paramref name="nth"/> call from now of <typeparamref name="TGrain"/>.<paramref name="method"/> fails, once.</summary>
    public void FailCall<TGrain>(string method, int nth = 1)
        where TGrain : IAddressable
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentOutOfRangeException.ThrowIfLessThan(nth, 1);
        lock (gate)
        {
            rules.Add(new Rule(typeof(TGrain), method, nth));
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    internal void OnCall(Type? interfaceType, string method)
    {
        lock (gate)
        {
            foreach (var rule in rules.ToList())
            {
                if (rule.Interface == interfaceType && string.Equals(rule.Method, method, StringComparison.Ordinal) && --rule.Remaining == 0)
                {
                    rules.Remove(rule);
                    Injected++;
                    throw new InjectedFaultException($"Injected call fault: {interfaceType?.Name}.{method} failed.");
                }
            }
        }
    }

    private sealed class Rule(Type grainInterface, string method, int nth)
    {
        public Type Interface { get; } = grainInterface;

        public string Method { get; } = method;

        public int Remaining { get; set; } = nth;
    }
}
