namespace ControlPlane.Api.Listeners;

/// <summary>The gateway's two listeners; a route belongs to exactly one of them (health and metrics to both).</summary>
public enum ApiListener
{
    /// <summary>The user-facing API (default 127.0.0.1:8080).</summary>
    External,

    /// <summary>The API sled agents call (default 127.0.0.1:8081).</summary>
    Internal,
}
