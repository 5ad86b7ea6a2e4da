namespace ControlPlane.Runtime;

/// <summary>
/// A state write or clear was refused because the writing activation no longer owns its grain: its fencing token is
/// not the directory's current one, or its silo's lease has expired. Nothing was stored; the activation is a zombie.
/// </summary>
public sealed class ActivationFencedException(GrainStateKey key, long fencingToken)
    : Exception($"Write of {key} refused: fencing token {fencingToken} is no longer current (the grain moved, or this silo's lease expired).")
{
    public GrainStateKey Key { get; } = key;

    public long FencingToken { get; } = fencingToken;
}
