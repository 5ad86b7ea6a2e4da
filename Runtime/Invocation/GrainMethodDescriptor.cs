namespace ControlPlane.Runtime.Invocation;

/// <summary>What the scheduler and the copier must know about a grain method; baked in at build time.</summary>
[Flags]
public enum GrainMethodFlags
{
    None = 0,
    ReadOnly = 1,
    AlwaysInterleave = 2,
    OneWay = 4,
    Cancellable = 8,
    /// <summary>Some argument is not known to be immutable, so in-process calls copy the request.</summary>
    CopyArguments = 16,
    /// <summary>The result is not known to be immutable, so in-process calls copy it.</summary>
    CopyResult = 32,
}

/// <summary>
/// A grain method's stable identity and properties. <see cref="MethodId"/> is a 32-bit hash of
/// "interface alias::method alias", so it does not depend on declaration order or reflection.
/// </summary>
public sealed class GrainMethodDescriptor
{
    public GrainMethodDescriptor(
        Type interfaceType, string interfaceAlias, string methodAlias, string name, Type requestType, Type? resultType,
        GrainMethodFlags flags, string? responseTimeout)
    {
        InterfaceType = interfaceType;
        InterfaceAlias = interfaceAlias;
        MethodAlias = methodAlias;
        Name = name;
        RequestType = requestType;
        ResultType = resultType;
        Flags = flags;
        ResponseTimeout = responseTimeout is null
            ? null
            : TimeSpan.Parse(responseTimeout, System.Globalization.CultureInfo.InvariantCulture);
        FullAlias = interfaceAlias + "::" + methodAlias;
        MethodId = StableHash.Fnv1a(FullAlias);
    }

    public Type InterfaceType { get; }
    public string InterfaceAlias { get; }
    public string MethodAlias { get; }
    public string FullAlias { get; }
    public uint MethodId { get; }
    public string Name { get; }
    public Type RequestType { get; }
    public Type? ResultType { get; }
    public GrainMethodFlags Flags { get; }
    public TimeSpan? ResponseTimeout { get; }

    public bool IsOneWay => (Flags & GrainMethodFlags.OneWay) != 0;
    public bool IsReadOnly => (Flags & GrainMethodFlags.ReadOnly) != 0;
    public bool IsAlwaysInterleave => (Flags & GrainMethodFlags.AlwaysInterleave) != 0;

    public override string ToString() => $"{InterfaceType.Name}.{Name}";
}
