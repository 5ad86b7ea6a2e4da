using ControlPlane.Api.Listeners;
using ControlPlane.Api.Problems;
using Orleans.Dashboard;

namespace ControlPlane.Api.Observability;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c> on the internal listener only (it has no authentication of its own). Its
/// grain-state inspector is off: instance state holds specs, whose Crucible requests carry secrets.
/// </summary>
public static class DashboardEndpoints
{
    public const string Route = "/dashboard";

    public static IEndpointConventionBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapOrleansDashboard(Route).OnListener(ApiListener.Internal).ExcludeFromDescription(); // not part of the published API
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Path.StartsWithSegments(Route + "/GrainState", StringComparison.OrdinalIgnoreCase)
                ? ApiProblem.RouteNotFound(context.HttpContext.Request.Path).ToResult()
                : await next(context));
        return group;
    }
}
