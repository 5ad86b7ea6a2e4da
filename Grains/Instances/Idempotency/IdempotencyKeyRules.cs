using ControlPlane.Grains.Abstractions.Instances;

namespace ControlPlane.Grains.Instances.Idempotency;

/// <summary>
/// What a key's first and later uses mean (pure): the first use stores the request's fingerprint and a new instance
/// id; a later use with the same fingerprint gets that id back, with another fingerprint it is refused; a key older
/// than <see cref="IdempotencyClaim.Retention"/> may be used afresh.
/// </summary>
public static class IdempotencyKeyRules
{
    public static (IdempotencyKeyState State, IdempotencyClaim Claim) Claim(IdempotencyKeyState? stored, string fingerprint, Guid newInstanceId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        if (stored is null || now - stored.FirstUsed > IdempotencyClaim.Retention)
        {
            var fresh = new IdempotencyKeyState { Fingerprint = fingerprint, InstanceId = newInstanceId, FirstUsed = now };
            return (fresh, new IdempotencyClaim { InstanceId = newInstanceId, SameRequest = true, Completed = false });
        }

        var same = string.Equals(stored.Fingerprint, fingerprint, StringComparison.Ordinal);
        return (stored, new IdempotencyClaim { InstanceId = stored.InstanceId, SameRequest = same, Completed = stored.Completed });
    }
}
