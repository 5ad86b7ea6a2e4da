namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>The hypervisor interface the guest sees: bhyve's (default) or Hyper-V enlightenments.</summary>
public abstract record GuestHypervisorInterface
{
    private protected GuestHypervisorInterface()
    {
    }

    /// <summary>bhyve's native interface (<c>{"type":"bhyve"}</c>).</summary>
    public sealed record Bhyve : GuestHypervisorInterface
    {
        private Bhyve()
        {
        }

        public static Bhyve Instance { get; } = new();
    }

    /// <summary>Hyper-V enlightenments with a set of features (sorted, unique).</summary>
    public sealed record HyperV : GuestHypervisorInterface
    {
        public required ValueList<HyperVFeatureFlag> Features { get; init; }
    }
}
