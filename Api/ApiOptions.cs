namespace ControlPlane.Api;

/// <summary>The gateway's configuration (section <c>Api</c>): where it listens and how large a request body may be.</summary>
public sealed class ApiOptions
{
    /// <summary>The external (user-facing) API listener.</summary>
    public string ExternalUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The internal API listener, used by sled agents.</summary>
    public string InternalUrl { get; set; } = "http://127.0.0.1:8081";

    /// <summary>The largest request body accepted, in bytes (default 1 MiB); larger bodies get 413 <c>payload_too_large</c>.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
