namespace ControlPlane.Api.Specs;

/// <summary>Endpoint metadata: the route's wire specs are in the shape of the <c>propolis-api-version</c> header (documented in OpenAPI).</summary>
public sealed record SpecVersionedRoute;
