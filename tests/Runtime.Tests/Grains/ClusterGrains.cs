using ControlPlane.Runtime.Hosting;

namespace ControlPlane.Runtime.Tests.Grains;

/// <summary>A persisted counter that reports where it runs; the workhorse of the multi-silo and chaos tests.</summary>
public interface IDurableCounterGrain : IGrainWithIntegerKey
{
    Task<long> Add(long delta);

    Task<long> Get();

    Task<string> WhereAmI();
}

public sealed class CounterState
{
    public long Value { get; set; }
}

public sealed class DurableCounterGrain(Silo silo, ProbeLog log, [PersistentState("counter")] IPersistentState<CounterState> state) : Grain, IDurableCounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Bump("activate:" + this.GetPrimaryKeyLong());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add($"deactivate:{this.GetPrimaryKeyLong()}:{reason.Code}");
        return Task.CompletedTask;
    }

    public async Task<long> Add(long delta)
    {
        state.State.Value += delta;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync(); // keep memory equal to what is stored
            throw;
        }

        return state.State.Value;
    }

    public Task<long> Get() => Task.FromResult(state.State.Value);

    public Task<string> WhereAmI() => Task.FromResult(silo.Address.ToString());
}

/// <summary>Calls another grain given by reference, so references cross silos both as arguments and as calls.</summary>
public interface IForwarderGrain : IGrainWithIntegerKey
{
    Task<long> AddVia(IDurableCounterGrain counter, long delta);

    Task<IDurableCounterGrain> Echo(IDurableCounterGrain counter);

    Task<string> WhereAmI();
}

public sealed class ForwarderGrain(Silo silo) : Grain, IForwarderGrain
{
    public Task<long> AddVia(IDurableCounterGrain counter, long delta) => counter.Add(delta);

    public Task<IDurableCounterGrain> Echo(IDurableCounterGrain counter) => Task.FromResult(counter);

    public Task<string> WhereAmI() => Task.FromResult(silo.Address.ToString());
}

/// <summary>Runs only on a silo carrying the role named by its key.</summary>
public interface IRoleBoundGrain : IGrainWithStringKey
{
    Task<string> WhereAmI();
}

[SiloRolePlacement]
public sealed class RoleBoundGrain(Silo silo) : Grain, IRoleBoundGrain
{
    public Task<string> WhereAmI() => Task.FromResult(silo.Address.ToString());
}

/// <summary>Activates on the calling silo.</summary>
public interface ILocalCounterGrain : IGrainWithIntegerKey
{
    Task<long> Add(long delta);

    Task<string> WhereAmI();
}

[PreferLocalPlacement]
public sealed class LocalCounterGrain(Silo silo, [PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ILocalCounterGrain
{
    public async Task<long> Add(long delta)
    {
        state.State.Value += delta;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<string> WhereAmI() => Task.FromResult(silo.Address.ToString());
}
