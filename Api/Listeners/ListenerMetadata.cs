namespace ControlPlane.Api.Listeners;

/// <summary>Endpoint metadata: the only listener on which the endpoint answers.</summary>
public sealed record ListenerMetadata(ApiListener Listener);
