namespace ControlPlane.Api.Routing.Paging;

/// <summary>
/// Endpoint metadata: a list route paginated from external API version <see cref="Since"/>, with the summary its
/// documents of those versions carry (the route's own summary stays that of the published version 1).
/// </summary>
public sealed record PagedList(int Since, string PagedSummary);
