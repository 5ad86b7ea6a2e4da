using ControlPlane.Runtime.Membership;

namespace ControlPlane.Runtime.GrainDirectory;

/// <summary>
/// A directory entry: which activation of a grain is the one, on which silo, and the fencing token it won the
/// entry with. Tokens come from one increasing sequence, so a newer owner always holds a larger token.
/// </summary>
[Immutable]
public sealed record GrainAddress(GrainId GrainId, SiloAddress Silo, Guid ActivationId, long FencingToken)
{
    public override string ToString() => $"{GrainId} on {Silo} (activation {ActivationId:N}, fence {FencingToken})";
}
