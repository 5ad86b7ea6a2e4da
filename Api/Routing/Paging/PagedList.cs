namespace ControlPlane.Api.Routing.Paging;

/// <summary>Endpoint metadata: a list route that is paginated from external API version <see cref="Since"/> (for its OpenAPI documents).</summary>
public sealed record PagedList(int Since);
