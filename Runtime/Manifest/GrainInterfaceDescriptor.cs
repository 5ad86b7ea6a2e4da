using ControlPlane.Runtime.Invocation;

namespace ControlPlane.Runtime.Manifest;

/// <summary>A grain interface as the runtime sees it: alias, key shape, proxy factory and methods.</summary>
public sealed class GrainInterfaceDescriptor
{
    private readonly Dictionary<uint, GrainMethodDescriptor> _methodsById;

    public GrainInterfaceDescriptor(
        Type interfaceType, string alias, GrainKeyKind keyKind,
        Func<GrainReferenceShared, GrainId, GrainReference> proxyFactory, GrainMethodDescriptor[] methods)
    {
        InterfaceType = interfaceType;
        Alias = alias;
        KeyKind = keyKind;
        ProxyFactory = proxyFactory;
        Methods = methods;
        _methodsById = [];
        foreach (var method in methods)
        {
            if (!_methodsById.TryAdd(method.MethodId, method) && _methodsById[method.MethodId].FullAlias != method.FullAlias)
            {
                throw new InvalidOperationException(
                    $"Method ids of '{method.FullAlias}' and '{_methodsById[method.MethodId].FullAlias}' collide; give one an [Alias].");
            }
        }
    }

    public Type InterfaceType { get; }
    public string Alias { get; }
    public GrainKeyKind KeyKind { get; }
    public Func<GrainReferenceShared, GrainId, GrainReference> ProxyFactory { get; }
    public IReadOnlyList<GrainMethodDescriptor> Methods { get; }

    public GrainMethodDescriptor? FindMethod(uint methodId) => _methodsById.GetValueOrDefault(methodId);

    public override string ToString() => Alias;
}
