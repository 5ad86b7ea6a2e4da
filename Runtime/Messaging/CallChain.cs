using System.Collections.Immutable;

namespace ControlPlane.Runtime.Messaging;

/// <summary>
/// The chain of grain calls a request belongs to: an id shared by every call that descends from one
/// outside call, and the path of grains that are waiting on this one. Used to detect call cycles.
/// </summary>
internal sealed record CallChain(Guid Id, ImmutableArray<GrainId> Path)
{
    public static readonly CallChain Empty = new(Guid.Empty, []);

    public static CallChain New() => new(Guid.NewGuid(), []);

    public bool Contains(GrainId grainId) => Path.Contains(grainId);
}

/// <summary>The request the current async flow is executing inside an activation, if any.</summary>
internal static class CallContext
{
    private static readonly AsyncLocal<CurrentCall?> Current = new();

    public static CurrentCall? Call
    {
        get => Current.Value;
        set => Current.Value = value;
    }

    /// <summary>The chain an outgoing call from the current flow belongs to.</summary>
    public static CallChain ForOutgoingCall()
    {
        var call = Current.Value;
        return call is null ? CallChain.New() : new CallChain(call.ChainId, call.Path);
    }
}

/// <summary>The chain id and path (including the executing grain) of the running request.</summary>
internal sealed record CurrentCall(Guid ChainId, ImmutableArray<GrainId> Path);
