using ControlPlane.Api.Routing;
using ControlPlane.Api.Routing.Paging;
using ControlPlane.Api.Versioning;
using ControlPlane.Grains.Abstractions.Sleds;
using Orleans;

namespace ControlPlane.Api.Sleds;

/// <summary>External API: the sleds with capacity, usage, hosting silo and reachability.</summary>
public static class SledEndpoints
{
    public static RouteGroupBuilder MapSledEndpoints(this RouteGroupBuilder external)
    {
        ArgumentNullException.ThrowIfNull(external);
        external.MapGet("/v1/sleds", List).WithTags("sleds").WithName("sled_list")
            .WithSummary("Every sled the cluster knows.")
            .Produces<ItemsPage<SledView>>()
            .WithMetadata(new PagedList(ExternalApiVersion.V2, "A page of the sleds the cluster knows, in id order."), new ResponseByVersion(new Dictionary<int, Type> { [ExternalApiVersion.V2] = typeof(ResultsPage<SledView>) }));
        return external;
    }

    /// <summary>Sleds are few (one per physical machine) and held by one inventory grain, so a page is cut from its list.</summary>
    private static async Task<IResult> List(HttpContext context, IGrainFactory grains)
    {
        var version = ExternalApiVersion.Of(context);
        var sleds = (await grains.GetGrain<ISledInventoryGrain>(0).List()).OrderBy(s => s.Id).ToList();
        if (version == ExternalApiVersion.V1)
        {
            return TypedResults.Ok(new ItemsPage<SledView> { Items = sleds });
        }

        var request = PageRequest.Parse(context.Request.Query, PageTokenKind.Sleds);
        var after = sleds.Where(s => request.After is not { } position || s.Id.CompareTo(position) > 0).Take(request.Limit + 1).ToList();
        var items = after.Take(request.Limit).ToList();
        return TypedResults.Ok(new ResultsPage<SledView>
        {
            Items = items,
            NextPage = after.Count > request.Limit ? PageToken.Create(PageTokenKind.Sleds, items[^1].Id) : null,
        });
    }
}
