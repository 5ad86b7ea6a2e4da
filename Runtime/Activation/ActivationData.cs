using System.Collections.Immutable;
using ControlPlane.Runtime.GrainDirectory;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Manifest;
using ControlPlane.Runtime.Messaging;
using ControlPlane.Runtime.Persistence;
using ControlPlane.Runtime.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime.Activation;

/// <summary>
/// One activation of one grain: its instance, its scheduler, the requests waiting for a turn and those
/// running. Admission applies the reentrancy rules; lifecycle is Created -> Activating -> Valid ->
/// Deactivating -> Invalid, and an Invalid activation never runs anything again.
/// </summary>
internal sealed class ActivationData : IGrainContext, IActivationTarget
{
    private readonly object _lock = new();
    private readonly Queue<WorkItem> _waiting = new();
    private readonly List<WorkItem> _running = [];
    private readonly List<GrainTimer> _timers = [];
    private readonly Silo _silo;
    private readonly Action<ActivationData> _onInvalid;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActivationState _state = ActivationState.Created;
    private object? _instance;
    private IServiceScope? _scope;
    private List<IActivationStateLoader>? _stateLoaders;
    private long _lastActiveMs = Environment.TickCount64;
    private long _keepAliveUntilMs;
    private DeactivationReason? _deactivationRequested;
    private GrainReference? _selfReference;
    private GrainAddress? _registration;

    public ActivationData(GrainId grainId, GrainClassDescriptor grainClass, Silo silo, Action<ActivationData> onInvalid)
    {
        GrainId = grainId;
        GrainClass = grainClass;
        _silo = silo;
        _onInvalid = onInvalid;
        _logger = silo.LoggerFactory.CreateLogger<ActivationData>();
        CollectionAge = silo.CollectionAgeFor(grainClass);
    }

    public GrainId GrainId { get; }

    public GrainClassDescriptor GrainClass { get; }

    public ActivationTaskScheduler Scheduler { get; } = new();

    public TimeSpan CollectionAge { get; }

    public long FencingToken { get; internal set; }

    /// <summary>Identifies this activation in the directory; a new activation of the same grain gets a new id.</summary>
    public Guid ActivationId { get; } = Guid.NewGuid();

    public IGrainFactory GrainFactory => _silo.GrainFactory;

    public IServiceProvider ActivationServices => _scope?.ServiceProvider ?? _silo.Services;

    public GrainReference GrainReference => _selfReference ??= _silo.CreateReference(GrainId, GrainManifest.InterfaceOf(GrainClass.Interfaces[0]));

    /// <summary>Completes when this activation has become Invalid (deactivated or failed to activate).</summary>
    public Task Deactivated => _deactivated.Task;

    internal ActivationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Requests waiting plus running; the stateless-worker pool balances on it.</summary>
    internal int Load
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count + _running.Count;
            }
        }
    }

    /// <summary>Accepts a request. False when this activation is Invalid: the caller must route to a new one.</summary>
    public bool TryEnqueue(Message message)
    {
        var item = new RequestWorkItem(message);
        var activate = false;
        lock (_lock)
        {
            switch (_state)
            {
                case ActivationState.Invalid:
                    return false;
                case ActivationState.Created:
                    _state = ActivationState.Activating;
                    activate = true;
                    break;
            }

            if (_state == ActivationState.Valid && !CanAdmit(item) && IsCallCycle(message))
            {
                // A -> B -> A on a non-reentrant grain: the running request awaits this very call chain.
                var cycle = new GrainCallCycleException(message.Chain.Path, GrainId);
                _silo.SendResponse(message, Response.Failed(cycle));
                return true;
            }

            if (_state == ActivationState.Valid && item.IsAlwaysInterleave)
            {
                Start(item); // interleaves with anything, never waits behind the queue
            }
            else
            {
                _waiting.Enqueue(item);
                Pump();
            }
        }

        if (activate)
        {
            StartActivation();
        }

        return true;
    }

    /// <summary>Accepts a timer tick; false when the activation is going away.</summary>
    public bool EnqueueTimerTick(TimerTickWorkItem tick)
    {
        lock (_lock)
        {
            if (_state is not (ActivationState.Valid or ActivationState.Activating))
            {
                return false;
            }

            _waiting.Enqueue(tick);
            Pump();
            return true;
        }
    }

    /// <summary>The caller cancelled request <paramref name="correlationId"/>: drop it if queued, signal it if running.</summary>
    public void Cancel(long correlationId)
    {
        lock (_lock)
        {
            foreach (var item in _waiting)
            {
                if (item is RequestWorkItem r && r.Message.CorrelationId == correlationId)
                {
                    r.CancelRequested = true; // dropped with a cancellation response when it reaches the head
                }
            }

            foreach (var item in _running)
            {
                if (item is RequestWorkItem r && r.Message.CorrelationId == correlationId)
                {
                    r.CancelRequested = true;
                    r.Cancellation?.Cancel();
                }
            }

            Pump();
        }
    }

    private bool IsCallCycle(Message message)
    {
        if (GrainClass.IsStatelessWorker || !message.Chain.Contains(GrainId))
        {
            return false;
        }

        foreach (var running in _running)
        {
            if (running is RequestWorkItem r && r.Message.Chain.Id == message.Chain.Id)
            {
                return true;
            }
        }

        return false;
    }

    private bool CanAdmit(WorkItem item)
    {
        if (_state != ActivationState.Valid)
        {
            return false;
        }

        if (item.IsAlwaysInterleave || GrainClass.IsReentrant)
        {
            return true;
        }

        var blocking = 0;
        var allReadOnly = true;
        foreach (var running in _running)
        {
            if (!running.IsAlwaysInterleave)
            {
                blocking++;
                allReadOnly &= running.IsReadOnly;
            }
        }

        return blocking == 0 || (item.IsReadOnly && allReadOnly);
    }

    /// <summary>Starts every admissible item at the head of the queue. Caller holds the lock.</summary>
    private void Pump()
    {
        var now = Environment.TickCount64;
        while (_waiting.Count > 0)
        {
            var head = _waiting.Peek();
            if (head.IsExpired(now))
            {
                _waiting.Dequeue();
                _logger.LogDebug("Dropped expired request {Message}: the caller has already timed out.", ((RequestWorkItem)head).Message);
                continue;
            }

            if (head is RequestWorkItem { CancelRequested: true } cancelled)
            {
                _waiting.Dequeue();
                _silo.SendResponse(cancelled.Message, Response.Cancelled());
                continue;
            }

            if (!CanAdmit(head))
            {
                break;
            }

            _waiting.Dequeue();
            Start(head);
        }

        if (_running.Count == 0 && _state == ActivationState.Valid && _deactivationRequested is { } reason)
        {
            BeginDeactivation(reason);
        }
    }

    private void Start(WorkItem item)
    {
        _running.Add(item);
        if (item.KeepsAlive)
        {
            _lastActiveMs = Environment.TickCount64;
        }

        if (item is RequestWorkItem { Message.Request.Method.Flags: var flags } request && (flags & Invocation.GrainMethodFlags.Cancellable) != 0)
        {
            request.Cancellation = new CancellationTokenSource();
        }

        RunOnScheduler(static state => ((ActivationData)state.Owner).RunAsync(state.Item), (Owner: (object)this, Item: item));
    }

    private void RunOnScheduler<TState>(Func<TState, Task> work, TState state)
    {
        // Turns start with a clean execution context: nothing from whichever thread admitted them leaks in.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Factory.StartNew(() => work(state), CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler).Unwrap();
        }
    }

    private async Task RunAsync(WorkItem item)
    {
        try
        {
            switch (item)
            {
                case RequestWorkItem request:
                    await RunRequestAsync(request);
                    break;
                case TimerTickWorkItem tick:
                    CallContext.Call = null;
                    await tick.Timer.RunTickAsync();
                    break;
            }
        }
        finally
        {
            lock (_lock)
            {
                _running.Remove(item);
                if (item.KeepsAlive)
                {
                    _lastActiveMs = Environment.TickCount64;
                }

                Pump();
            }
        }
    }

    private async Task RunRequestAsync(RequestWorkItem item)
    {
        var message = item.Message;
        var request = message.Request!;
        CallContext.Call = new CurrentCall(message.Chain.Id == Guid.Empty ? Guid.NewGuid() : message.Chain.Id, message.Chain.Path.Add(GrainId));
        var startedTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        Response response;
        try
        {
            var token = item.Cancellation?.Token ?? CancellationToken.None;
            var result = await request.InvokeAsync(_instance!, token);
            response = Response.Ok(result);
        }
        catch (OperationCanceledException) when (item.CancelRequested)
        {
            response = Response.Cancelled();
        }
        catch (Exception ex)
        {
            response = Response.Failed(ex);
        }
        finally
        {
            CallContext.Call = null;
            item.Cancellation?.Dispose();
        }

        Diagnostics.RuntimeMetrics.CallCompleted(GrainClass.GrainType, response, startedTimestamp);
        if (message.Direction == MessageDirection.Request)
        {
            _silo.SendResponse(message, response);
        }
        else if (response.Exception is { } oneWayError)
        {
            _logger.LogWarning(oneWayError, "One-way call {Method} on {GrainId} failed; one-way callers are not told.", request.Method, GrainId);
        }
    }

    private void StartActivation() =>
        RunOnScheduler(static self => self.ActivateAsync(), this);

    private async Task ActivateAsync()
    {
        try
        {
            if (!GrainClass.IsStatelessWorker)
            {
                var owner = await RegisterAsync();
                if (owner is not null)
                {
                    await LoseToOwnerAsync(owner);
                    return;
                }
            }

            _scope = _silo.Services.CreateScope();
            using (ActivationConstruction.Enter(this))
            {
                (_instance, _stateLoaders) = _silo.Activator.CreateInstance(this, GrainClass, _scope.ServiceProvider);
            }

            using var timeout = new CancellationTokenSource(_silo.CollectionOptions.ActivationTimeout);
            foreach (var loader in _stateLoaders)
            {
                await loader.ReadStateAsync(timeout.Token);
            }

            if (_instance is IGrainBase grain)
            {
                await grain.OnActivateAsync(timeout.Token);
            }

            lock (_lock)
            {
                if (_state == ActivationState.Invalid)
                {
                    return; // abandoned while activating (the silo died)
                }

                _state = ActivationState.Valid;
                Diagnostics.RuntimeMetrics.ActivationAdded(GrainClass.GrainType);
                _lastActiveMs = Environment.TickCount64;
                Pump();
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Activation of {GrainId} failed; its queued requests get the error.", GrainId);
            Diagnostics.RuntimeMetrics.ActivationFailed(GrainClass.GrainType);
            await FailActivationAsync(ex);
        }
    }

    /// <summary>
    /// Wins the grain's directory entry (the fencing token comes with it) and returns null, or returns the owner that
    /// holds it. A stale entry of this very silo (left by an activation that could not unregister) is removed first.
    /// </summary>
    private async Task<GrainAddress?> RegisterAsync()
    {
        using var timeout = new CancellationTokenSource(_silo.CollectionOptions.ActivationTimeout);
        for (var attempt = 0; ; attempt++)
        {
            var winner = await _silo.Directory.RegisterAsync(GrainId, _silo.Address, ActivationId, timeout.Token);
            if (winner.ActivationId == ActivationId)
            {
                _registration = winner;
                FencingToken = winner.FencingToken;
                _silo.Locator.Remember(GrainId, _silo.Address);
                return null;
            }

            if (winner.Silo != _silo.Address || attempt > 0)
            {
                return winner;
            }

            var local = _silo.Catalog.Find(GrainId);
            if (local is not null && local != (IActivationTarget)this)
            {
                return winner;
            }

            _logger.LogInformation("Removing stale directory entry {Entry} of this silo before activating {GrainId}.", winner, GrainId);
            await _silo.Directory.UnregisterAsync(winner, timeout.Token);
        }
    }

    /// <summary>Another activation owns the grain: this one never runs, and its queued requests go to the owner.</summary>
    private async Task LoseToOwnerAsync(GrainAddress owner)
    {
        List<WorkItem> queued;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            queued = [.. _waiting];
            _waiting.Clear();
        }

        _onInvalid(this);
        _deactivated.TrySetResult();
        _logger.LogDebug("{GrainId} is already active at {Owner}; forwarding {Count} requests.", GrainId, owner, queued.Count);
        foreach (var item in queued)
        {
            if (item is RequestWorkItem request)
            {
                _silo.Forward(request.Message, owner);
            }
        }

        await Task.CompletedTask;
    }

    /// <summary>Releases the directory entry, if this activation still holds it. Best effort: a kill skips it, and the entry is taken over once this silo is dead.</summary>
    private async Task UnregisterAsync()
    {
        if (_registration is not { } registration)
        {
            return;
        }

        _registration = null;
        _silo.Locator.Forget(GrainId, _silo.Address);
        try
        {
            using var timeout = new CancellationTokenSource(_silo.CollectionOptions.DeactivationTimeout);
            await _silo.Directory.UnregisterAsync(registration, timeout.Token);
        }
        catch (Exception ex)
        {
            _logger.LogWarning("Releasing the directory entry of {GrainId} failed: {Error}", GrainId, ex.Message);
        }
    }

    /// <summary>
    /// The silo died (killed, or lost its lease): this activation stops at once. Nothing more is admitted, queued
    /// requests are dropped without answers (the callers' calls end as unknown), and no hook or directory call runs.
    /// </summary>
    internal void Abandon()
    {
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return;
            }

            _state = ActivationState.Invalid;
            _waiting.Clear();
        }

        DisposeTimers();
        _onInvalid(this);
        _deactivated.TrySetResult();
    }

    private async Task FailActivationAsync(Exception error)
    {
        List<WorkItem> failed;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            failed = [.. _waiting];
            _waiting.Clear();
        }

        DisposeTimers();
        await DisposeScopeAsync();
        await UnregisterAsync();
        _onInvalid(this);
        var wrapped = new GrainActivationException(GrainId, error);
        foreach (var item in failed)
        {
            if (item is RequestWorkItem { Message.Direction: MessageDirection.Request } request)
            {
                _silo.SendResponse(request.Message, Response.Failed(wrapped));
            }
        }

        _deactivated.TrySetResult();
    }

    /// <summary>Deactivates once no turn is running; requests that arrive meanwhile go to the next activation.</summary>
    public void Deactivate(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return;
            }

            _deactivationRequested ??= reason;
            if (_state == ActivationState.Valid && _running.Count == 0)
            {
                BeginDeactivation(reason);
            }
        }
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        lock (_lock)
        {
            _keepAliveUntilMs = timeSpan == Timeout.InfiniteTimeSpan ? long.MaxValue : Environment.TickCount64 + (long)timeSpan.TotalMilliseconds;
        }
    }

    /// <summary>True when idle for at least the collection age, with nothing queued or running.</summary>
    internal bool IsIdleFor(long nowMs, TimeSpan age)
    {
        lock (_lock)
        {
            return _state == ActivationState.Valid && _running.Count == 0 && _waiting.Count == 0
                && nowMs - _lastActiveMs >= age.TotalMilliseconds && nowMs >= _keepAliveUntilMs;
        }
    }

    /// <summary>Caller holds the lock.</summary>
    private void BeginDeactivation(DeactivationReason reason)
    {
        _state = ActivationState.Deactivating;
        RunOnScheduler(static s => s.Self.DeactivateAsync(s.Reason), (Self: this, Reason: reason));
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        DisposeTimers();
        try
        {
            if (_instance is IGrainBase grain)
            {
                using var timeout = new CancellationTokenSource(_silo.CollectionOptions.DeactivationTimeout);
                await grain.OnDeactivateAsync(reason, timeout.Token);
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "OnDeactivateAsync of {GrainId} failed; deactivation continues.", GrainId);
        }

        await DisposeScopeAsync();
        await UnregisterAsync();
        List<WorkItem> forward;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            Diagnostics.RuntimeMetrics.ActivationRemoved(GrainClass.GrainType);
            forward = [.. _waiting];
            _waiting.Clear();
        }

        _onInvalid(this);
        _deactivated.TrySetResult();
        foreach (var item in forward)
        {
            if (item is RequestWorkItem request)
            {
                _silo.Route(request.Message); // to the next activation of this grain, here or elsewhere
            }
            else if (item is TimerTickWorkItem tick)
            {
                tick.Timer.TickDropped();
            }
        }
    }

    public IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer(this, (s, ct) => callback((TState)s!, ct), state, options, _logger);
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                timer.Dispose();
                throw new InvalidOperationException($"Cannot register a timer on {GrainId}: it is deactivating.");
            }

            _timers.Add(timer);
        }

        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    private async Task DisposeScopeAsync()
    {
        try
        {
            if (_instance is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else if (_instance is IDisposable disposable)
            {
                disposable.Dispose();
            }

            if (_scope is IAsyncDisposable asyncScope)
            {
                await asyncScope.DisposeAsync();
            }
            else
            {
                _scope?.Dispose();
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Disposing activation {GrainId} failed.", GrainId);
        }

        _instance = null;
        _scope = null;
    }

    IEnumerable<ActivationData> IActivationTarget.Activations => [this];

    public override string ToString() => $"[Activation {GrainId} {State}]";
}

/// <summary>Lifecycle states of an activation.</summary>
internal enum ActivationState
{
    Created,
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
