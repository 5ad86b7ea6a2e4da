using ControlPlane.Runtime.Invocation;
using ControlPlane.Runtime.Manifest;

namespace ControlPlane.Runtime;

/// <summary>
/// Base class of every generated proxy: a location-free, serializable address of a grain. Creating one does
/// no I/O; each call is sent through the runtime that created it.
/// </summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    protected GrainReference(GrainReferenceShared shared, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(shared);
        Shared = shared;
        GrainId = grainId;
    }

    public GrainId GrainId { get; }

    public GrainInterfaceDescriptor Interface => Shared.Interface;

    internal GrainReferenceShared Shared { get; }

    protected async Task<TResult> InvokeAsync<TResult>(GrainRequest request, CancellationToken cancellationToken)
    {
        var result = await Shared.Sender.SendRequestAsync(this, request, cancellationToken).ConfigureAwait(false);
        return (TResult)result!;
    }

    protected Task InvokeAsync(GrainRequest request, CancellationToken cancellationToken) =>
        Shared.Sender.SendRequestAsync(this, request, cancellationToken);

    protected void InvokeOneWay(GrainRequest request) => Shared.Sender.SendOneWay(this, request);

    /// <summary>This reference typed as another grain interface the same grain implements.</summary>
    public TGrainInterface AsReference<TGrainInterface>() where TGrainInterface : IAddressable
    {
        if (this is TGrainInterface same)
        {
            return same;
        }

        var descriptor = GrainManifest.InterfaceOf(typeof(TGrainInterface));
        return (TGrainInterface)(object)Shared.Sender.CreateReference(GrainId, descriptor);
    }

    public bool Equals(GrainReference? other) => other is not null && other.GrainId == GrainId;

    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => $"{Interface.InterfaceType.Name}:{GrainId}";
}
