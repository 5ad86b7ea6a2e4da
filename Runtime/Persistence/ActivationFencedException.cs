namespace ControlPlane.Runtime;

/// <summary>
/// A state write or clear was refused because the writing activation no longer owns its grain: its fencing token is
/// not the directory's current one, or its silo's lease has expired. Nothing was stored; the activation is a zombie.
/// </summary>
public sealed class ActivationFencedException : Exception
{
    public ActivationFencedException(GrainStateKey key, long fencingToken)
        : this(key, fencingToken, "the grain moved, or this silo's lease expired")
    {
    }

    /// <summary>With the store's finding of why the token is no longer current (<paramref name="reason"/>).</summary>
    public ActivationFencedException(GrainStateKey key, long fencingToken, string reason)
        : base($"Write of {key} refused: fencing token {fencingToken} is no longer current ({reason}).")
    {
        Key = key;
        FencingToken = fencingToken;
    }

    public GrainStateKey Key { get; }

    public long FencingToken { get; }
}
