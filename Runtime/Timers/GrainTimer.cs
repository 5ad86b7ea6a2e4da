using ControlPlane.Runtime.Activation;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime.Timers;

/// <summary>
/// A grain timer: each tick is a turn of its activation, ticks never overlap, and the period is counted
/// from the end of the previous callback. It never keeps its grain alive unless asked to.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<object?, CancellationToken, Task> _callback;
    private readonly object? _state;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Timer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private TimeSpan _period;
    private bool _tickPending;

    public GrainTimer(ActivationData activation, Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options, ILogger logger)
    {
        _activation = activation;
        _callback = callback;
        _state = state;
        _logger = logger;
        Options = options;
        _period = options.Period;
        _timer = new Timer(static s => ((GrainTimer)s!).OnDue(), this, Timeout.Infinite, Timeout.Infinite);
        Change(options.DueTime, options.Period);
    }

    public GrainTimerCreationOptions Options { get; }

    public bool IsDisposed => _disposed.IsCancellationRequested;

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        lock (_gate)
        {
            _period = period;
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnDue()
    {
        lock (_gate)
        {
            if (IsDisposed || _tickPending)
            {
                return; // never overlap: the next tick is scheduled when the current one completes
            }

            _tickPending = true;
        }

        if (!_activation.EnqueueTimerTick(new TimerTickWorkItem(this)))
        {
            Dispose();
        }
    }

    /// <summary>Runs one tick inside the activation's turn.</summary>
    internal async Task RunTickAsync()
    {
        try
        {
            if (!IsDisposed)
            {
                await _callback(_state, _disposed.Token);
            }
        }
        catch (OperationCanceledException) when (IsDisposed)
        {
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Grain timer callback of {GrainId} failed; the timer keeps its schedule.", _activation.GrainId);
        }
        finally
        {
            lock (_gate)
            {
                _tickPending = false;
                if (!IsDisposed && _period != Timeout.InfiniteTimeSpan)
                {
                    _timer.Change(_period, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    /// <summary>The tick could not run (the activation is going away).</summary>
    internal void TickDropped()
    {
        lock (_gate)
        {
            _tickPending = false;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (IsDisposed)
            {
                return;
            }

            _disposed.Cancel();
            _timer.Dispose();
        }

        _activation.RemoveTimer(this);
    }
}

/// <summary>A timer tick waiting for, or running in, a turn.</summary>
internal sealed class TimerTickWorkItem(GrainTimer timer) : WorkItem
{
    public GrainTimer Timer { get; } = timer;

    public override bool IsReadOnly => false;

    public override bool IsAlwaysInterleave => Timer.Options.Interleave;

    public override bool KeepsAlive => Timer.Options.KeepAlive;
}
