using System.Collections.Concurrent;

namespace ControlPlane.Runtime.Activation;

/// <summary>
/// Runs one activation's work items one at a time on the shared thread pool. Awaits inside grain code
/// resume here (TaskScheduler.Current), so a grain never runs on two threads at once. No thread affinity.
/// </summary>
internal sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    private static readonly long QuantumMs = 100;

    [ThreadStatic]
    private static ActivationTaskScheduler? _running;

    private readonly ConcurrentQueue<Task> _queue = new();
    private int _scheduled;

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>True when the calling thread is executing this scheduler's work.</summary>
    public bool IsCurrent => ReferenceEquals(_running, this);

    protected override void QueueTask(Task task)
    {
        _queue.Enqueue(task);
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        ReferenceEquals(_running, this) && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    public void Execute()
    {
        var previous = _running;
        _running = this;
        var start = Environment.TickCount64;
        try
        {
            while (_queue.TryDequeue(out var task))
            {
                TryExecuteTask(task);
                if (Environment.TickCount64 - start > QuantumMs)
                {
                    break; // yield the thread; the remaining items are rescheduled below
                }
            }
        }
        finally
        {
            _running = previous;
            Volatile.Write(ref _scheduled, 0);
            if (!_queue.IsEmpty && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }
    }
}
