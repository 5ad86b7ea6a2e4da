using System.Reflection;
using ControlPlane.Grains.Abstractions.Instances;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace ControlPlane.Api.Instances;

/// <summary>
/// The answer to a create: 201 with the instance, or 200 with it when the request replays an <c>Idempotency-Key</c>
/// that already created it. Describes itself to OpenAPI as <see cref="Created{TValue}"/> does; the route adds the 200 of a
/// replay (<see cref="IdempotencyKeyRoute"/>).
/// </summary>
public sealed class CreatedOrReplayed : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<InstanceView>
{
    private CreatedOrReplayed(InstanceView value, bool replayed)
    {
        Value = value;
        Replayed = replayed;
    }

    public InstanceView Value { get; }

    object? IValueHttpResult.Value => Value;

    /// <summary>True when the instance was created by an earlier request with the same key.</summary>
    public bool Replayed { get; }

    public int? StatusCode => Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created;

    public static CreatedOrReplayed Created(InstanceView value) => new(value, replayed: false);

    public static CreatedOrReplayed Replay(InstanceView value) => new(value, replayed: true);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var location = $"/v1/instances/{Value.Id}";
        if (Replayed)
        {
            httpContext.Response.Headers.Location = location;
            return TypedResults.Ok(Value).ExecuteAsync(httpContext);
        }

        return TypedResults.Created(location, Value).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Populate<Created<InstanceView>>(method, builder);

    private static void Populate<TResult>(MethodInfo method, EndpointBuilder builder)
        where TResult : IEndpointMetadataProvider => TResult.PopulateMetadata(method, builder);
}
