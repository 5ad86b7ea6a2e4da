namespace ControlPlane.Runtime.Invocation;

/// <summary>
/// One call's arguments plus the code that applies them to a grain. The source generator emits one
/// sealed subclass per grain method; it is also the serialized body of a request message.
/// </summary>
public abstract class GrainRequest
{
    [System.Text.Json.Serialization.JsonIgnore]
    public abstract GrainMethodDescriptor Method { get; }

    [System.Text.Json.Serialization.JsonIgnore]
    public abstract int ArgumentCount { get; }

    public abstract object? GetArgument(int index);

    /// <summary>Calls the method on <paramref name="target"/> and returns its boxed result (null for Task).</summary>
    public abstract Task<object?> InvokeAsync(object target, CancellationToken cancellationToken);

    public override string ToString() => Method.ToString();
}
