using ControlPlane.Api.Problems;
using ControlPlane.Api.Routing;
using ControlPlane.Api.Versioning;
using ControlPlane.Grains.Abstractions.Vmms;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ControlPlane.Api.Vmms;

/// <summary>
/// Internal API (sled agents): the body-less doorbell, the legacy upcall (version 1 only, deprecated) and the
/// versioned sled-agent state read. The <c>api-version</c> header picks the version (see <see cref="InternalApiVersion"/>).
/// </summary>
public static class VmmEndpoints
{
    /// <summary>When the legacy upcall was deprecated (sent as the RFC 9745 <c>Deprecation</c> header).</summary>
    public static readonly DateTimeOffset LegacyUpcallDeprecatedSince = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static RouteGroupBuilder MapVmmEndpoints(this RouteGroupBuilder @internal)
    {
        ArgumentNullException.ThrowIfNull(@internal);
        @internal.MapPost("/v1/vmms/{vmm_id}/doorbell", Doorbell).WithTags("vmms").WithName("vmm_doorbell")
            .WithMetadata(new ApiVersionRange(1))
            .WithSummary("Ring the VMM's doorbell: no body; 204; the Nexus side will pull the sled's state.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        @internal.MapPut("/vmms/{vmm_id}", LegacyPut).WithTags("vmms").WithName("cpapi_instances_put")
            .WithMetadata(new ApiVersionRange(1, RemovedIn: 2), new DeprecatedRoute(LegacyUpcallDeprecatedSince, "POST /v1/vmms/{vmm_id}/doorbell"))
            .WithSummary("Legacy upcall (API version 1 only, deprecated): the body is ignored and the doorbell is rung; use POST /v1/vmms/{vmm_id}/doorbell.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        @internal.MapGet("/v1/sled-agent/vmms/{vmm_id}/state", GetSledState).WithTags("sled-agent").WithName("vmm_get_state")
            .WithMetadata(new ApiVersionRange(1))
            .WithSummary("The sled agent's state of the VMM in the schema of the api-version header (1: v1 SledVmmState; 2: adds failure_reason).")
            .WithMetadata(new ResponseByVersion(new Dictionary<int, Type>
            {
                [SledVmmApiVersion.V1] = typeof(Grains.Abstractions.Vmms.V1.SledVmmState),
                [SledVmmApiVersion.V2] = typeof(Grains.Abstractions.Vmms.V2.SledVmmState),
            }))
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return @internal;
    }

    private static async Task<NoContent> Doorbell([FromRoute(Name = "vmm_id")] string vmmId, IGrainFactory grains)
    {
        var vmm = await KnownVmm(grains, vmmId);
        await vmm.Grain.Ring();
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LegacyPut([FromRoute(Name = "vmm_id")] string vmmId, Grains.Abstractions.Vmms.V1.SledVmmState body, IGrainFactory grains)
    {
        var vmm = await KnownVmm(grains, vmmId);
        await vmm.Grain.PutLegacy(body);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetSledState([FromRoute(Name = "vmm_id")] string vmmId, HttpContext context, IGrainFactory grains)
    {
        var vmm = await KnownVmm(grains, vmmId);
        var sled = grains.GetSledVmm(vmm.View.SledId, vmm.View.VmmId);
        object? state = InternalApiVersion.Of(context) >= SledVmmApiVersion.V2 ? await sled.GetStateV2() : await sled.GetStateV1();
        return state is null
            ? ApiProblem.NotFound("VMM on its sled", vmm.View.VmmId.ToString()).ToResult()
            : Results.Ok(state);
    }

    private static async Task<(IVmmGrain Grain, VmmView View)> KnownVmm(IGrainFactory grains, string vmmId)
    {
        var id = PathIds.Parse(vmmId, "vmm_id");
        var grain = grains.GetGrain<IVmmGrain>(id);
        var view = await grain.Get();
        return view is null || view.Deleted ? throw new ApiProblemException(ApiProblem.NotFound("VMM", id.ToString())) : (grain, view);
    }
}
