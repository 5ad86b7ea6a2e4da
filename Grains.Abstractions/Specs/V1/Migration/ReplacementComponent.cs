namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>
/// A component a migration target substitutes, by key, into the spec it inherits from the source
/// (<c>{"component":"CrucibleStorageBackend","spec":{...}}</c>, PascalCase tags). Only backends that
/// change between sleds and the failure injector can be replaced.
/// </summary>
public abstract record ReplacementComponent
{
    private protected ReplacementComponent()
    {
    }

    /// <summary>The replacement as a component of the spec.</summary>
    public abstract IComponent Component { get; }

    /// <summary>A new Crucible backend (new volume generation, new targets).</summary>
    public sealed record CrucibleBackend(CrucibleStorageBackend Spec) : ReplacementComponent
    {
        public override IComponent Component => Spec;
    }

    /// <summary>A new viona backend (the target sled's VNIC name).</summary>
    public sealed record VirtioNetworkBackendReplacement(VirtioNetworkBackend Spec) : ReplacementComponent
    {
        public override IComponent Component => Spec;
    }

    /// <summary>A new failure injector configuration (failure-injection family).</summary>
    public sealed record FailureInjector(MigrationFailureInjector Spec) : ReplacementComponent
    {
        public override IComponent Component => Spec;
    }
}
