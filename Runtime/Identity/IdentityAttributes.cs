namespace ControlPlane.Runtime;

/// <summary>
/// A stable name for a grain interface or method. Method identity on the wire is derived from aliases,
/// so renaming a method or reordering an interface never breaks callers that use the alias.
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Method | AttributeTargets.Class, Inherited = false)]
public sealed class AliasAttribute(string alias) : Attribute
{
    public string Alias { get; } = alias;
}

/// <summary>Pins the durable grain type name that appears in <see cref="GrainId"/>, storage and the directory.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    public string GrainType { get; } = grainType;
}
