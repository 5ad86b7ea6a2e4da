using System.Collections.Concurrent;
using ControlPlane.Runtime.Invocation;
using ControlPlane.Runtime.Serialization;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime.Messaging;

/// <summary>
/// Calls waiting for their responses, keyed by correlation id. A sweeper fails calls whose deadline passed
/// with <see cref="TimeoutException"/>: the outcome is then unknown, and nothing is retried.
/// </summary>
internal sealed class PendingCallTable : IAsyncDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(25);
    private readonly ConcurrentDictionary<long, PendingCall> _calls = new();
    private readonly Func<GrainSerializer> _serializerFactory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sweeper;
    private int _disposed;
    // Random start: correlation ids from different silos and clients meet in one activation's queue (cancellation).
    private long _nextCorrelationId = Random.Shared.NextInt64(1, long.MaxValue / 2);

    public PendingCallTable(Func<GrainSerializer> serializer, ILogger logger)
    {
        _serializerFactory = serializer;
        _logger = logger;
        _sweeper = Task.Run(SweepAsync);
    }

    public int Count => _calls.Count;

    public long NextCorrelationId() => Interlocked.Increment(ref _nextCorrelationId);

    public Task<object?> Register(Message request, TimeSpan timeout)
    {
        var call = new PendingCall(request, timeout);
        _calls[request.CorrelationId] = call;
        return call.Completion.Task;
    }

    /// <summary>The method of a call still waiting, so its response body can be read with the right result type.</summary>
    public GrainMethodDescriptor? FindMethod(long correlationId) =>
        _calls.TryGetValue(correlationId, out var call) ? call.Request.Request?.Method : null;

    public void Complete(long correlationId, Response response)
    {
        if (!_calls.TryRemove(correlationId, out var call))
        {
            _logger.LogDebug("Response for call {CorrelationId} arrived after the call had completed (late or duplicate); dropped.", correlationId);
            return;
        }

        call.CancellationRegistration.Dispose();
        switch (response.Status)
        {
            case ResponseStatus.Success:
                var method = call.Request.Request!.Method;
                if ((method.Flags & GrainMethodFlags.CopyResult) != 0 && method.ResultType is not null && response.Result is not null)
                {
                    try
                    {
                        call.Completion.TrySetResult(_serializerFactory().DeepCopy(response.Result, method.ResultType));
                    }
                    catch (Exception ex)
                    {
                        call.Completion.TrySetException(ex);
                    }
                }
                else
                {
                    call.Completion.TrySetResult(response.Result);
                }

                break;
            case ResponseStatus.Cancelled:
                call.Completion.TrySetCanceled();
                break;
            default:
                call.Completion.TrySetException(response.Exception ?? new InvalidOperationException("The call failed without an exception."));
                break;
        }
    }

    public void AttachCancellation(long correlationId, CancellationTokenRegistration registration)
    {
        if (_calls.TryGetValue(correlationId, out var call))
        {
            call.CancellationRegistration = registration;
        }
        else
        {
            registration.Dispose();
        }
    }

    /// <summary>Fails every pending call whose target is in <paramref name="predicate"/> (for example, the silo went away).</summary>
    public void FailWhere(Func<Message, bool> predicate, Func<Exception> error)
    {
        foreach (var (id, call) in _calls)
        {
            if (predicate(call.Request) && _calls.TryRemove(id, out _))
            {
                call.CancellationRegistration.Dispose();
                call.Completion.TrySetException(error());
            }
        }
    }

    private async Task SweepAsync()
    {
        using var timer = new PeriodicTimer(SweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                foreach (var (id, call) in _calls)
                {
                    if (call.Request.IsExpired(now) && _calls.TryRemove(id, out _))
                    {
                        call.CancellationRegistration.Dispose();
                        call.Completion.TrySetException(new TimeoutException(
                            $"Response did not arrive on time in {call.Timeout} for {call.Request.Request?.Method} on grain {call.Request.Target} (call #{id}). The outcome is unknown: the call may or may not have run."));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _sweeper.ConfigureAwait(false);
        foreach (var (id, call) in _calls)
        {
            if (_calls.TryRemove(id, out _))
            {
                call.Completion.TrySetException(new GrainCallRejectedException("The runtime stopped before the response arrived; the outcome is unknown."));
            }
        }
    }

    private sealed class PendingCall(Message request, TimeSpan timeout)
    {
        public Message Request { get; } = request;
        public TimeSpan Timeout { get; } = timeout;
        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration CancellationRegistration { get; set; }
    }
}
