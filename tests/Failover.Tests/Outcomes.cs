using ControlPlane.Grains.Abstractions.Errors;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Failover.Tests.History;

namespace ControlPlane.Failover.Tests;

/// <summary>
/// What a failed call tells a test. Infrastructure failures (a silo gone, a timeout, a rejected message, no live silo
/// for a sled, the database away) leave the outcome unknown: the call may or may not have happened. A domain refusal is
/// an answer, but some operations change intent before they refuse (a start refused for capacity has already asked for
/// running), so only "not found" counts as a fact that nothing happened.
/// </summary>
public static class Outcomes
{
    public static bool IsTransient(Exception exception) => exception is not DomainException;

    public static OutcomeKind Classify(Exception exception) => exception switch
    {
        InstanceNotFoundException => OutcomeKind.NotFound,
        DomainException => OutcomeKind.Refused,
        _ => OutcomeKind.Unknown,
    };
}
