namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>Creates an instance; the spec is parsed once by the spec grains and refused with typed errors.</summary>
public sealed record InstanceCreateRequest
{
    public required string Name { get; init; }

    public required InstanceSpecSource Spec { get; init; }

    /// <summary>Start the instance once created (Nexus' default).</summary>
    public bool Start { get; init; } = true;

    public AutoRestartPolicy AutoRestartPolicy { get; init; } = AutoRestartPolicy.BestEffort;

    /// <summary>Minimum time between automatic restarts; null means the silo's default (5 minutes).</summary>
    public TimeSpan? AutoRestartCooldown { get; init; }
}
