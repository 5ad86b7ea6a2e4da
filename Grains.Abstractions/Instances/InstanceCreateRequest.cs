using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>Creates an instance; the spec is parsed once by the spec grains and refused with typed errors.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.instances.InstanceCreateRequest")]
public sealed record InstanceCreateRequest
{
    [Id(0)]
    public required string Name { get; init; }

    [Id(1)]
    public required InstanceSpecSource Spec { get; init; }

    /// <summary>Start the instance once created (Nexus' default).</summary>
    [Id(2)]
    public bool Start { get; init; } = true;

    [Id(3)]
    public AutoRestartPolicy AutoRestartPolicy { get; init; } = AutoRestartPolicy.BestEffort;

    /// <summary>Minimum time between automatic restarts; null means the silo's default (5 minutes).</summary>
    [Id(4)]
    public TimeSpan? AutoRestartCooldown { get; init; }
}
