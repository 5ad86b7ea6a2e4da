using ControlPlane.Api.Routing;
using ControlPlane.Grains.Abstractions.Sleds;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ControlPlane.Api.Sleds;

/// <summary>External API: the sleds with capacity, usage, hosting silo and reachability.</summary>
public static class SledEndpoints
{
    public static RouteGroupBuilder MapSledEndpoints(this RouteGroupBuilder external)
    {
        ArgumentNullException.ThrowIfNull(external);
        external.MapGet("/v1/sleds", List).WithTags("sleds").WithName("sled_list").WithSummary("Every sled the cluster knows.");
        return external;
    }

    private static async Task<Ok<ItemsPage<SledView>>> List(IGrainFactory grains)
    {
        var sleds = await grains.GetGrain<ISledInventoryGrain>(0).List();
        return TypedResults.Ok(new ItemsPage<SledView> { Items = [.. sleds.OrderBy(s => s.Id)] });
    }
}
