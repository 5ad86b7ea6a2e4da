using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>The hypervisor interface the guest sees: bhyve's (default) or Hyper-V enlightenments.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.GuestHypervisorInterface")]
public abstract record GuestHypervisorInterface
{
    private protected GuestHypervisorInterface()
    {
    }

    /// <summary>bhyve's native interface (<c>{"type":"bhyve"}</c>).</summary>
    [GenerateSerializer, Immutable, Alias("controlplane.specs.v1.GuestHypervisorInterface.Bhyve")]
    public sealed record Bhyve : GuestHypervisorInterface
    {
        private Bhyve()
        {
        }

        public static Bhyve Instance { get; } = new();
    }

    /// <summary>Hyper-V enlightenments with a set of features (sorted, unique).</summary>
    [GenerateSerializer, Immutable, Alias("controlplane.specs.v1.GuestHypervisorInterface.HyperV")]
    public sealed record HyperV : GuestHypervisorInterface
    {
        [Id(0)]
        public required ValueList<HyperVFeatureFlag> Features { get; init; }
    }
}
