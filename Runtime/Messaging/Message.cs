using ControlPlane.Runtime.Invocation;
using ControlPlane.Runtime.Membership;

namespace ControlPlane.Runtime.Messaging;

/// <summary>Request, one-way request, response, or cancellation of a request in flight.</summary>
internal enum MessageDirection : byte
{
    Request = 1,
    OneWay = 2,
    Response = 3,
    Cancel = 4,
}

/// <summary>
/// One message between a caller and an activation: the unit the scheduler admits and, across silos, the
/// unit a frame carries. Deadlines are monotonic milliseconds (<see cref="Environment.TickCount64"/>).
/// </summary>
internal sealed class Message
{
    public required MessageDirection Direction { get; init; }
    public required long CorrelationId { get; init; }
    public required GrainId Target { get; init; }
    public GrainId? Sender { get; init; }
    public GrainRequest? Request { get; init; }
    public CallChain Chain { get; init; } = CallChain.Empty;

    /// <summary>Monotonic deadline in ms; a request past it is dropped unrun.</summary>
    public long DeadlineMs { get; init; }

    public long FencingToken { get; init; }
    public Response? Response { get; init; }

    /// <summary>The silo whose pending call waits for the response; null when it is this silo.</summary>
    public SiloAddress? OriginSilo { get; init; }

    /// <summary>How often a silo that lost the directory race passed the request on (at most 2).</summary>
    public byte ForwardCount { get; init; }

    /// <summary>The remote silo this request was sent to, so its loss fails the call as "outcome unknown".</summary>
    public SiloAddress? SentTo { get; set; }

    /// <summary>The same request passed on by a silo that did not run it: one more forward, not yet sent anywhere.</summary>
    public Message Forwarded() => new()
    {
        Direction = Direction,
        CorrelationId = CorrelationId,
        Target = Target,
        Sender = Sender,
        Request = Request,
        Chain = Chain,
        DeadlineMs = DeadlineMs,
        FencingToken = FencingToken,
        OriginSilo = OriginSilo,
        ForwardCount = (byte)(ForwardCount + 1),
    };

    public bool IsExpired(long nowMs) => DeadlineMs > 0 && nowMs >= DeadlineMs;

    public override string ToString() => $"{Direction} #{CorrelationId} {Request?.Method.ToString() ?? ""} -> {Target}";
}

/// <summary>How a request ended.</summary>
internal enum ResponseStatus : byte
{
    Success = 1,
    Error = 2,
    Cancelled = 3,
    Rejected = 4,
}

/// <summary>The outcome of one request, as delivered to the caller's pending call.</summary>
internal sealed record Response(ResponseStatus Status, object? Result, Exception? Exception)
{
    public static Response Ok(object? result) => new(ResponseStatus.Success, result, null);

    public static Response Failed(Exception exception) => new(ResponseStatus.Error, null, exception);

    public static Response Cancelled() => new(ResponseStatus.Cancelled, null, new OperationCanceledException("The request was cancelled by the caller before it completed."));

    public static Response Rejected(Exception exception) => new(ResponseStatus.Rejected, null, exception);
}
