namespace ControlPlane.Runtime;

/// <summary>
/// A call would wait on itself: the target is already executing a request of the same call chain that is
/// waiting (directly or transitively) for this call. Thrown at once instead of deadlocking until the timeout.
/// </summary>
public sealed class GrainCallCycleException : Exception
{
    public GrainCallCycleException(IReadOnlyList<GrainId> chain, GrainId target)
        : base($"Call cycle detected: {string.Join(" -> ", chain.Append(target))}. The target is non-reentrant and is awaiting this call chain; mark it [Reentrant] or the method [AlwaysInterleave] if interleaving is safe.")
    {
        Chain = chain;
        Target = target;
    }

    public IReadOnlyList<GrainId> Chain { get; }

    public GrainId Target { get; }
}

/// <summary>A grain could not be activated; the inner exception is what the constructor, state load or OnActivateAsync threw.</summary>
public sealed class GrainActivationException(GrainId grainId, Exception inner)
    : Exception($"Activation of grain {grainId} failed: {inner.Message}", inner)
{
    public GrainId GrainId { get; } = grainId;
}

/// <summary>The runtime refused a call without running it (for example: the silo is shutting down, or the grain type is unknown).</summary>
public sealed class GrainCallRejectedException(string message) : Exception(message)
{
}

/// <summary>
/// No live silo can take the call: the silo the grain must run on (silo-role placement) is dead or unknown, or the
/// cluster has no active silo. The request was not run.
/// </summary>
public class SiloUnavailableException(string message) : Exception(message)
{
}

/// <summary>
/// The membership view has no live silo carrying the role a silo-role placed grain must run on: its silo was declared
/// dead (or never joined). This is evidence, unlike a refused connection, which only says "unreachable right now".
/// </summary>
public sealed class NoSiloForRoleException(string role, GrainId grainId)
    : SiloUnavailableException($"No live silo carries role '{role}', which grain {grainId} must run on; it does not move to other silos.")
{
    public string Role { get; } = role;

    public GrainId GrainId { get; } = grainId;
}

/// <summary>A grain on another silo threw an exception whose type cannot be recreated here; its type name and message are kept.</summary>
public sealed class RemoteGrainException(string remoteType, string message) : Exception($"{remoteType}: {message}")
{
    public string RemoteType { get; } = remoteType;

    public string RemoteMessage { get; } = message;
}
