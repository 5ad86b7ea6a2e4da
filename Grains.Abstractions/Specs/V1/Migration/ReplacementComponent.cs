using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>
/// A component a migration target substitutes, by key, into the spec it inherits from the source
/// (<c>{"component":"CrucibleStorageBackend","spec":{...}}</c>, PascalCase tags). Only backends that
/// change between sleds and the failure injector can be replaced.
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.ReplacementComponent")]
public abstract record ReplacementComponent
{
    private protected ReplacementComponent()
    {
    }

    /// <summary>The replacement as a component of the spec.</summary>
    public abstract IComponent Component { get; }

    /// <summary>A new Crucible backend (new volume generation, new targets).</summary>
    [GenerateSerializer, Immutable, Alias("controlplane.specs.v1.ReplacementComponent.CrucibleBackend")]
    public sealed record CrucibleBackend([property: Id(0)] CrucibleStorageBackend Spec) : ReplacementComponent
    {
        public override IComponent Component => Spec;
    }

    /// <summary>A new viona backend (the target sled's VNIC name).</summary>
    [GenerateSerializer, Immutable, Alias("controlplane.specs.v1.ReplacementComponent.VirtioNetworkBackendReplacement")]
    public sealed record VirtioNetworkBackendReplacement([property: Id(0)] VirtioNetworkBackend Spec) : ReplacementComponent
    {
        public override IComponent Component => Spec;
    }

    /// <summary>A new failure injector configuration (failure-injection family).</summary>
    [GenerateSerializer, Immutable, Alias("controlplane.specs.v1.ReplacementComponent.FailureInjector")]
    public sealed record FailureInjector([property: Id(0)] MigrationFailureInjector Spec) : ReplacementComponent
    {
        public override IComponent Component => Spec;
    }
}
