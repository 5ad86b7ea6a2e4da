using ControlPlane.Runtime.Invocation;
using ControlPlane.Runtime.Manifest;

namespace ControlPlane.Runtime.Hosting;

/// <summary>Creates typed references bound to one runtime. No I/O happens until a call is made.</summary>
internal sealed class ClusterClient(IGrainCallSender sender, IServiceProvider services) : IClusterClient
{
    public IServiceProvider ServiceProvider { get; } = services;

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(GrainKeyFormat.FromGuid(primaryKey), grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey =>
        Create<TGrainInterface>(GrainKeyFormat.FromInteger(primaryKey), grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        return Create<TGrainInterface>(primaryKey, grainClassNamePrefix);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey =>
        Create<TGrainInterface>(GrainKeyFormat.FromGuidCompound(primaryKey, keyExtension), grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey =>
        Create<TGrainInterface>(GrainKeyFormat.FromIntegerCompound(primaryKey, keyExtension), grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable =>
        (TGrainInterface)(object)sender.CreateReference(grainId, GrainManifest.InterfaceOf(typeof(TGrainInterface)));

    private TGrainInterface Create<TGrainInterface>(string key, string? grainClassNamePrefix)
    {
        var descriptor = GrainManifest.InterfaceOf(typeof(TGrainInterface));
        var grainClass = GrainManifest.ResolveClass(typeof(TGrainInterface), grainClassNamePrefix);
        return (TGrainInterface)(object)sender.CreateReference(new GrainId(grainClass.GrainType, key), descriptor);
    }
}
