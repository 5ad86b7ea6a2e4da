using ControlPlane.Api.Routing;
using ControlPlane.Api.Routing.Paging;
using ControlPlane.Api.Versioning;
using ControlPlane.Grains.Abstractions.Instances.Registry;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs.Json;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ControlPlane.Api.Instances;

/// <summary>External API: instances. Each handler parses the path and body and makes one or two grain calls.</summary>
public static class InstanceEndpoints
{
    public static RouteGroupBuilder MapInstanceEndpoints(this RouteGroupBuilder external)
    {
        ArgumentNullException.ThrowIfNull(external);
        var instances = external.MapGroup("/v1/instances").WithTags("instances");

        instances.MapPost("", Create).WithName("instance_create").WithMetadata(new Specs.SpecVersionedRoute(), new IdempotencyKeyRoute())
            .WithSummary("Create an instance from the simple request or a wire spec; starts it unless start is false.")
            .Produces<InstanceView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        instances.MapGet("", List).WithName("instance_list")
            .WithSummary("Every live instance with its derived run_state.")
            .Produces<ItemsPage<InstanceView>>()
            .WithMetadata(new PagedList(ExternalApiVersion.V2, "A page of the live instances in id order, each with its derived run_state."), new ResponseByVersion(new Dictionary<int, Type> { [ExternalApiVersion.V2] = typeof(ResultsPage<InstanceView>) }));
        instances.MapGet("/{instance_id}", Get).WithName("instance_view")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        instances.MapPost("/{instance_id}/start", Start).WithName("instance_start")
            .WithSummary("Start a stopped or failed instance; 202 with the instance.").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        instances.MapPost("/{instance_id}/stop", Stop).WithName("instance_stop")
            .WithSummary("Stop a running instance; 202 with the instance.").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        instances.MapPost("/{instance_id}/reboot", Reboot).WithName("instance_reboot")
            .WithSummary("Reboot a running instance; 202 with the instance.").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        instances.MapPost("/{instance_id}/migrate", Migrate).WithName("instance_migrate")
            .WithSummary("Live-migrate a running instance to another sled; 202 with the instance.").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        instances.MapDelete("/{instance_id}", Delete).WithName("instance_delete")
            .WithSummary("Delete a stopped or failed instance; 409 otherwise.").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return external;
    }

    /// <summary>
    /// Without an <c>Idempotency-Key</c> every call creates a new instance. With one, the key's grain binds it to this
    /// request's fingerprint and an instance id on first use; the same key and body get that instance (201 the first
    /// time, 200 after), the same key with another body is 422.
    /// </summary>
    private static async Task<CreatedOrReplayed> Create(CreateInstanceRequest request, HttpContext context, IGrainFactory grains)
    {
        var grainRequest = CreateInstanceTranslation.ToGrainRequest(request, request.Spec is null ? WireSpecJson.DefaultApiVersion : Specs.PropolisApiVersion.Of(context));
        if (IdempotencyKeyHeader.Parse(context.Request.Headers[IdempotencyKeyHeader.Name]) is not { } key)
        {
            return CreatedOrReplayed.Created(await grains.GetGrain<IInstanceGrain>(Guid.NewGuid()).Create(grainRequest));
        }

        var idempotency = grains.GetGrain<IIdempotencyKeyGrain>(key);
        var claim = await idempotency.Claim(IdempotencyKeyHeader.Fingerprint(request));
        if (!claim.SameRequest)
        {
            throw IdempotencyKeyHeader.Reused();
        }

        var instance = grains.GetGrain<IInstanceGrain>(claim.InstanceId);
        var view = claim.Completed ? await instance.Get() : await instance.Create(grainRequest);
        return !claim.Completed && await idempotency.Complete() ? CreatedOrReplayed.Created(view) : CreatedOrReplayed.Replay(view);
    }

    /// <summary>
    /// Version 2: one page of the registry in id order, then each instance's view (the cost follows the page's size);
    /// instances deleted in between are left out. Version 1: every page, sorted by name (its cost follows the total).
    /// </summary>
    private static async Task<IResult> List(HttpContext context, IGrainFactory grains)
    {
        if (ExternalApiVersion.Of(context) == ExternalApiVersion.V1)
        {
            var all = await Views(grains, await grains.All());
            return TypedResults.Ok(new ItemsPage<InstanceView> { Items = [.. all.OrderBy(v => v.Name, StringComparer.Ordinal)] });
        }

        var request = PageRequest.Parse(context.Request.Query, PageTokenKind.Instances);
        var page = await grains.Page(request.After, request.Limit);
        return TypedResults.Ok(new ResultsPage<InstanceView>
        {
            Items = await Views(grains, page.Ids),
            NextPage = page.More ? PageToken.Create(PageTokenKind.Instances, page.Ids[^1]) : null,
        });
    }

    private static async Task<List<InstanceView>> Views(IGrainFactory grains, IEnumerable<Guid> ids)
    {
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IInstanceGrain>(id).Find()));
        return [.. views.OfType<InstanceView>().Where(v => v.RunState != InstanceRunState.Destroyed)];
    }

    private static async Task<Ok<InstanceView>> Get([FromRoute(Name = "instance_id")] string instanceId, IGrainFactory grains) =>
        TypedResults.Ok(await Instance(grains, instanceId).Get());

    private static async Task<Accepted<InstanceView>> Start([FromRoute(Name = "instance_id")] string instanceId, IGrainFactory grains) =>
        Accepted(await Instance(grains, instanceId).Start());

    private static async Task<Accepted<InstanceView>> Stop([FromRoute(Name = "instance_id")] string instanceId, IGrainFactory grains) =>
        Accepted(await Instance(grains, instanceId).Stop());

    private static async Task<Accepted<InstanceView>> Reboot([FromRoute(Name = "instance_id")] string instanceId, IGrainFactory grains) =>
        Accepted(await Instance(grains, instanceId).Reboot());

    private static async Task<Accepted<InstanceView>> Migrate([FromRoute(Name = "instance_id")] string instanceId, InstanceMigrateRequest request, IGrainFactory grains) =>
        Accepted(await Instance(grains, instanceId).Migrate(request));

    private static async Task<NoContent> Delete([FromRoute(Name = "instance_id")] string instanceId, IGrainFactory grains)
    {
        await Instance(grains, instanceId).Delete();
        return TypedResults.NoContent();
    }

    private static IInstanceGrain Instance(IGrainFactory grains, string instanceId) =>
        grains.GetGrain<IInstanceGrain>(PathIds.Parse(instanceId, "instance_id"));

    private static Accepted<InstanceView> Accepted(InstanceView view) => TypedResults.Accepted($"/v1/instances/{view.Id}", view);
}
