namespace ControlPlane.Api.Versioning;

/// <summary>Endpoint metadata: the route is deprecated (marked in OpenAPI and answered with a <c>Deprecation</c> header).</summary>
public sealed record DeprecatedRoute(DateTimeOffset Since, string Replacement);
