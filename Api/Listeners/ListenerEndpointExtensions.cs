namespace ControlPlane.Api.Listeners;

/// <summary>Pins a route (or a route group) to one listener; <see cref="ListenerGuardMiddleware"/> enforces it.</summary>
public static class ListenerEndpointExtensions
{
    public static TBuilder OnListener<TBuilder>(this TBuilder builder, ApiListener listener)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new ListenerMetadata(listener));
    }
}
