using ControlPlane.Runtime.Manifest;

namespace ControlPlane.Runtime.Invocation;

/// <summary>What every reference of one interface shares: the interface's descriptor and the runtime that sends calls.</summary>
public sealed class GrainReferenceShared
{
    internal GrainReferenceShared(GrainInterfaceDescriptor interfaceDescriptor, IGrainCallSender sender)
    {
        Interface = interfaceDescriptor;
        Sender = sender;
    }

    public GrainInterfaceDescriptor Interface { get; }

    internal IGrainCallSender Sender { get; }
}

/// <summary>The runtime side of a grain reference: sends a request and completes with the response.</summary>
internal interface IGrainCallSender
{
    Task<object?> SendRequestAsync(GrainReference target, GrainRequest request, CancellationToken cancellationToken);

    void SendOneWay(GrainReference target, GrainRequest request);

    GrainReference CreateReference(GrainId grainId, GrainInterfaceDescriptor interfaceDescriptor);
}
