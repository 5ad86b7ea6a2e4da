using Orleans;
namespace ControlPlane.Grains.Instances;

/// <summary>The instance record's own state (Nexus's "nexus state"); <c>Vmm</c> iff an active VMM is set.</summary>
[GenerateSerializer, Alias("controlplane.state.InstanceNexusState")]
public enum InstanceNexusState
{
    Creating,
    NoVmm,
    Vmm,
    Failed,
    Destroyed,
}
