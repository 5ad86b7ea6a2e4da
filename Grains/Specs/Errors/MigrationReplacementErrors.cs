using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>A migration target's replacement list does not fit the source spec (Propolis: InstanceSpecsIncompatible).</summary>
public abstract record InstanceSpecsIncompatible : SpecError
{
    private protected InstanceSpecsIncompatible(SpecKey key)
        : base(key)
    {
    }
}

/// <summary>A replacement for a key the source spec does not have.</summary>
public sealed record ReplacementComponentNotInSource(SpecKey Key) : InstanceSpecsIncompatible(Key)
{
    public override string Message => $"replacement component `{Key}` is not in the source spec";
}

/// <summary>A replacement whose kind differs from the source component it replaces.</summary>
public sealed record ReplacementKindMismatch(SpecKey Key, ComponentKind Replacement, ComponentKind Source) : InstanceSpecsIncompatible(Key)
{
    public override string Message => $"component `{Key}` is not a {Replacement.WireTag()} in the source spec (it is a {Source.WireTag()})";
}
