namespace ControlPlane.Runtime.Manifest;

/// <summary>Emitted by the source generator into every assembly with grain interfaces or classes.</summary>
public interface IGrainManifestProvider
{
    void Populate(GrainManifestBuilder builder);
}

/// <summary>Points the runtime at an assembly's generated <see cref="IGrainManifestProvider"/>.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class GrainManifestProviderAttribute(Type providerType) : Attribute
{
    public Type ProviderType { get; } = providerType;
}

/// <summary>Collects what a generated provider declares.</summary>
public sealed class GrainManifestBuilder
{
    internal List<GrainInterfaceDescriptor> Interfaces { get; } = [];

    internal List<(Type ClassType, Type[] Interfaces)> Classes { get; } = [];

    public void AddInterface(GrainInterfaceDescriptor descriptor) => Interfaces.Add(descriptor);

    public void AddGrainClass(Type classType, Type[] interfaces) => Classes.Add((classType, interfaces));
}
