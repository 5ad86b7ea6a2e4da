using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>What a key says about a create request: the instance it stands for, or that it was used for another body.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.instances.IdempotencyClaim")]
public sealed record IdempotencyClaim
{
    /// <summary>How long a key is kept at least (IETF httpapi idempotency-key draft: 24 hours is the usual expiry).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    [Id(0)]
    public required Guid InstanceId { get; init; }

    /// <summary>False when the key was first used with a different request: the request must be refused.</summary>
    [Id(1)]
    public required bool SameRequest { get; init; }

    /// <summary>True once a create with this key has succeeded.</summary>
    [Id(2)]
    public required bool Completed { get; init; }
}
