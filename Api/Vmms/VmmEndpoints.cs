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
/// versioned sled-agent state read at Omicron's path (<c>GET /vmms/{vmm_id}/state</c>; the earlier path is a deprecated
/// alias). The <c>api-version</c> header picks the version (see <see cref="InternalApiVersion"/>).
/// </summary>
public static class VmmEndpoints
{
    /// <summary>When the legacy upcall was deprecated (sent as the RFC 9745 <c>Deprecation</c> header).</summary>
    public static readonly DateTimeOffset LegacyUpcallDeprecatedSince = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>When <c>/v1/sled-agent/vmms/{vmm_id}/state</c> became an alias of Omicron's path.</summary>
    public static readonly DateTimeOffset StateAliasDeprecatedSince = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Omicron's sled-agent path of the state read.</summary>
    public const string StatePath = "/vmms/{vmm_id}/state";

    /// <summary>The path the state read had before it moved to <see cref="StatePath"/>; kept for one more version.</summary>
    public const string DeprecatedStatePath = "/v1/sled-agent/vmms/{vmm_id}/state";

    public static RouteGroupBuilder MapVmmEndpoints(this RouteGroupBuilder @internal)
    {
        ArgumentNullException.ThrowIfNull(@internal);
        @internal.MapPost("/v1/vmms/{vmm_id}/doorbell", Doorbell).WithTags("vmms").WithName("vmm_doorbell")
            .WithMetadata(new ApiVersionRange(InternalApiVersion.V1))
            .WithSummary("Ring the VMM's doorbell: no body; 204; the Nexus side will pull the sled's state.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        @internal.MapPut("/vmms/{vmm_id}", LegacyPut).WithTags("vmms").WithName("cpapi_instances_put")
            .WithMetadata(new ApiVersionRange(InternalApiVersion.V1, RemovedIn: InternalApiVersion.V2), new DeprecatedRoute(LegacyUpcallDeprecatedSince, "POST /v1/vmms/{vmm_id}/doorbell"))
            .WithSummary("Legacy upcall (API version 1 only, deprecated): the body (Omicron's SledVmmState, read as leniently as Omicron reads it) is ignored and the doorbell is rung; use POST /v1/vmms/{vmm_id}/doorbell.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        MapStateRead(@internal.MapGet(StatePath, GetSledState).WithName("vmm_get_state"));
        MapStateRead(@internal.MapGet(DeprecatedStatePath, GetSledState).WithName("vmm_get_state_deprecated")
            .WithMetadata(new DeprecatedRoute(StateAliasDeprecatedSince, "GET " + StatePath)));
        return @internal;
    }

    private static void MapStateRead(RouteHandlerBuilder route) => route.WithTags("sled-agent")
        .WithMetadata(new ApiVersionRange(InternalApiVersion.V1))
        .WithSummary("The sled agent's state of the VMM in the schema of the api-version header (1: Omicron's SledVmmState; 2: adds failure_reason); 404 NO_SUCH_INSTANCE when the sled has no such VMM.")
        .WithMetadata(new ResponseByVersion(new Dictionary<int, Type>
        {
            [InternalApiVersion.V1] = typeof(Grains.Abstractions.Vmms.V1.SledVmmState),
            [InternalApiVersion.V2] = typeof(Grains.Abstractions.Vmms.V2.SledVmmState),
        }))
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

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
        var id = PathIds.Parse(vmmId, "vmm_id");
        var view = await grains.GetGrain<IVmmGrain>(id).Get();
        if (view is null || view.Deleted)
        {
            return NoSuchInstance(id).ToResult();
        }

        var sled = grains.GetSledVmm(view.SledId, view.VmmId);
        object? state = InternalApiVersion.SledStateVersionOf(InternalApiVersion.Of(context)) switch
        {
            SledVmmApiVersion.V1 => await sled.GetStateV1(),
            _ => await sled.GetStateV2(),
        };
        return state is null ? NoSuchInstance(id).ToResult() : Results.Ok(state);
    }

    /// <summary>Omicron's answer for a VMM the sled does not have: 404 <c>NO_SUCH_INSTANCE</c>.</summary>
    private static ApiProblem NoSuchInstance(Guid vmmId) => new()
    {
        Status = StatusCodes.Status404NotFound,
        ErrorCode = ErrorCodes.NoSuchInstance,
        Title = "No such instance",
        Detail = $"The sled has no VMM with id {vmmId}.",
    };

    private static async Task<(IVmmGrain Grain, VmmView View)> KnownVmm(IGrainFactory grains, string vmmId)
    {
        var id = PathIds.Parse(vmmId, "vmm_id");
        var grain = grains.GetGrain<IVmmGrain>(id);
        var view = await grain.Get();
        return view is null || view.Deleted ? throw new ApiProblemException(ApiProblem.NotFound("VMM", id.ToString())) : (grain, view);
    }
}
