using Orleans;

namespace ControlPlane.Grains.Instances.Idempotency;

/// <summary>The persisted use of one idempotency key: the request's fingerprint, the instance chosen for it, when, and whether it completed.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.IdempotencyKeyState")]
public sealed record IdempotencyKeyState
{
    [Id(0)]
    public required string Fingerprint { get; init; }

    [Id(1)]
    public required Guid InstanceId { get; init; }

    [Id(2)]
    public required DateTimeOffset FirstUsed { get; init; }

    [Id(3)]
    public bool Completed { get; init; }
}

/// <summary>The key's persisted state; no use until first claimed.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.IdempotencyKeyGrainState")]
public sealed record IdempotencyKeyGrainState
{
    [Id(0)]
    public IdempotencyKeyState? Use { get; init; }
}
