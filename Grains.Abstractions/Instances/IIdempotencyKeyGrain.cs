using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>
/// One <c>Idempotency-Key</c> of instance creation (key: the header value): the fingerprint of the request first sent
/// with it and the instance id chosen for it, persisted, so a retried create finds the same instance after a
/// gateway or silo restart. Remembered for <see cref="IdempotencyClaim.Retention"/> at least.
/// </summary>
[Alias("controlplane.IIdempotencyKeyGrain")]
public interface IIdempotencyKeyGrain : IGrainWithStringKey
{
    /// <summary>The instance id for this key and request fingerprint (chosen and stored on first use).</summary>
    [Alias("Claim")]
    Task<IdempotencyClaim> Claim(string requestFingerprint);

    /// <summary>The create for this key succeeded; true the first time (the 201), false after (a replay: 200).</summary>
    [Alias("Complete")]
    Task<bool> Complete();
}
