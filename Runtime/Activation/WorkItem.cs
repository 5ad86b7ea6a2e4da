using ControlPlane.Runtime.Messaging;

namespace ControlPlane.Runtime.Activation;

/// <summary>Something an activation runs as a turn: a request message or a timer tick.</summary>
internal abstract class WorkItem
{
    public abstract bool IsReadOnly { get; }
    public abstract bool IsAlwaysInterleave { get; }

    /// <summary>Whether running this item counts as activity for idle collection.</summary>
    public abstract bool KeepsAlive { get; }

    public virtual bool IsExpired(long nowMs) => false;
}

/// <summary>A request message waiting for, or running in, a turn.</summary>
internal sealed class RequestWorkItem(Message message) : WorkItem
{
    public Message Message { get; } = message;

    public CancellationTokenSource? Cancellation { get; set; }

    public bool CancelRequested { get; set; }

    public override bool IsReadOnly => Message.Request!.Method.IsReadOnly;

    public override bool IsAlwaysInterleave => Message.Request!.Method.IsAlwaysInterleave;

    public override bool KeepsAlive => true;

    public override bool IsExpired(long nowMs) => Message.IsExpired(nowMs);
}
