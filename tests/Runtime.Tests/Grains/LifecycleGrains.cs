using ControlPlane.Runtime;

namespace ControlPlane.Runtime.Tests.Grains;

public sealed class ProfileState
{
    public string Name { get; set; } = "";

    public int Visits { get; set; }
}

public interface ILifecycleGrain : IGrainWithIntegerKey
{
    Task<Guid> ActivationId();

    Task<ProfileState> Visit(string name);

    Task Deactivate();
}

[CollectionAgeLimit(Seconds = 1)]
public sealed class LifecycleGrain(ProbeLog log, [PersistentState("profile")] IPersistentState<ProfileState> profile) : Grain, ILifecycleGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Add($"activate:{this.GetPrimaryKeyLong()}:visits={profile.State.Visits}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add($"deactivate:{this.GetPrimaryKeyLong()}:{reason.Code}");
        return Task.CompletedTask;
    }

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);

    public async Task<ProfileState> Visit(string name)
    {
        profile.State.Name = name;
        profile.State.Visits++;
        await profile.WriteStateAsync();
        return profile.State;
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public interface IFailingActivationGrain : IGrainWithIntegerKey
{
    Task<string> Hello();
}

public sealed class FailingActivationGrain(ProbeLog log) : Grain, IFailingActivationGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var attempt = log.Bump($"activation-attempt:{this.GetPrimaryKeyLong()}");
        RegisterGrainTimer(_ => { log.Bump("failed-activation-timer-tick"); return Task.CompletedTask; }, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10));
        if (attempt == 1)
        {
            throw new InvalidOperationException("first activation refuses to start");
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add("failing-grain-deactivated");
        return Task.CompletedTask;
    }

    public Task<string> Hello() => Task.FromResult("hello");
}

public interface IStatefulGrain : IGrainWithStringKey
{
    Task Set(string name);

    Task<ProfileState> Get();

    Task<string?> Etag();

    Task<bool> Exists();

    Task Clear();

    Task Reload();
}

public sealed class StatefulGrain([PersistentState("profile", "store")] IPersistentState<ProfileState> profile) : Grain, IStatefulGrain
{
    public async Task Set(string name)
    {
        profile.State.Name = name;
        profile.State.Visits++;
        await profile.WriteStateAsync();
    }

    public Task<ProfileState> Get() => Task.FromResult(profile.State);

    public Task<string?> Etag() => Task.FromResult(profile.Etag);

    public Task<bool> Exists() => Task.FromResult(profile.RecordExists);

    public Task Clear() => profile.ClearStateAsync();

    public Task Reload() => profile.ReadStateAsync();
}

public interface IMissingStoreGrain : IGrainWithIntegerKey
{
    Task<int> Get();
}

public sealed class MissingStoreGrain([PersistentState("x", "no-such-store")] IPersistentState<ProfileState> state) : Grain, IMissingStoreGrain
{
    public Task<int> Get() => Task.FromResult(state.State.Visits);
}

public interface IWorkerGrain : IGrainWithIntegerKey
{
    Task<Guid> Work(int delayMs);
}

[StatelessWorker(2)]
public sealed class WorkerGrain(ProbeLog log) : Grain, IWorkerGrain
{
    private readonly Guid _id = Guid.NewGuid();
    private static int _inside;

    public async Task<Guid> Work(int delayMs)
    {
        var now = Interlocked.Increment(ref _inside);
        log.Captured.AddOrUpdate("max-workers-inside", now, (_, v) => Math.Max((int)v!, now));
        await Task.Delay(delayMs);
        Interlocked.Decrement(ref _inside);
        return _id;
    }
}

public interface ITimerGrain : IGrainWithIntegerKey
{
    Task Start(int periodMs, int callbackMs, bool keepAlive);

    Task<List<(long Start, long End)>> Ticks();

    Task<int> MaxOverlap();

    Task StopTimer();
}

public sealed class TimerGrain(ProbeLog log) : Grain, ITimerGrain
{
    private readonly List<(long Start, long End)> _ticks = [];
    private readonly ConcurrencyMeter _meter = new();
    private IGrainTimer? _timer;

    public Task Start(int periodMs, int callbackMs, bool keepAlive)
    {
        _timer = RegisterGrainTimer(async ct =>
        {
            await _meter.MeasureAsync(async () =>
            {
                var start = Environment.TickCount64;
                await Task.Delay(callbackMs, ct);
                _ticks.Add((start, Environment.TickCount64));
                log.Bump($"tick:{this.GetPrimaryKeyLong()}");
            });
        }, new GrainTimerCreationOptions { DueTime = TimeSpan.FromMilliseconds(periodMs), Period = TimeSpan.FromMilliseconds(periodMs), KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    public Task<List<(long Start, long End)>> Ticks() => Task.FromResult(_ticks.ToList());

    public Task<int> MaxOverlap() => Task.FromResult(_meter.Max);

    public Task StopTimer()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add($"timer-grain-deactivated:{this.GetPrimaryKeyLong()}:{reason.Code}");
        return Task.CompletedTask;
    }
}

public interface IKeysGrain : IGrainWithGuidCompoundKey
{
    Task<(Guid Key, string? Extension)> Keys();
}

public sealed class KeysGrain : Grain, IKeysGrain
{
    public Task<(Guid Key, string? Extension)> Keys()
    {
        var key = this.GetPrimaryKey(out var extension);
        return Task.FromResult((key, extension));
    }
}

public interface IIntegerCompoundGrain : IGrainWithIntegerCompoundKey
{
    Task<string> Describe();
}

public sealed class IntegerCompoundGrain : Grain, IIntegerCompoundGrain
{
    public Task<string> Describe()
    {
        var key = this.GetPrimaryKeyLong(out var extension);
        return Task.FromResult($"{key}:{extension}");
    }
}

public interface IStringKeyGrain : IGrainWithStringKey
{
    Task<string> Key();
}

[GrainType("pinned-string-key")]
public sealed class StringKeyGrain : Grain, IStringKeyGrain
{
    public Task<string> Key() => Task.FromResult(this.GetPrimaryKeyString());
}

public interface IPocoGrain : IGrainWithIntegerKey
{
    [Alias("hello-v1")]
    Task<string> Hello(string name);

    /// <summary>Parameter names that the generated code also uses must not collide with it.</summary>
    Task<string> Echo(string request, string target, string cancellationToken);
}

/// <summary>A grain that does not derive from Grain: it implements IGrainBase and takes its context.</summary>
public sealed class PocoGrain(IGrainContext context) : IGrainBase, IPocoGrain
{
    public IGrainContext GrainContext { get; } = context;

    public Task<string> Hello(string name) => Task.FromResult($"hello {name} from {GrainContext.GrainId}");

    public Task<string> Echo(string request, string target, string cancellationToken) => Task.FromResult(request + target + cancellationToken);
}
