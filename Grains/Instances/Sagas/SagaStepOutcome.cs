namespace ControlPlane.Grains.Instances.Sagas;

/// <summary>What a step returned: the sled it chose (reserve) and whether the VMM state it applied needs an instance update.</summary>
public sealed record SagaStepOutcome(Guid? SledId = null, bool InstanceUpdateNeeded = false)
{
    public static SagaStepOutcome None { get; } = new();
}
