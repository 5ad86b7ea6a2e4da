using ControlPlane.Api.Listeners;
using ControlPlane.Api.OpenApi;
using Scalar.AspNetCore;

namespace ControlPlane.Api.Reference;

/// <summary>
/// The API reference page (Scalar) at <c>/docs</c> on each listener, over that listener's published OpenAPI documents
/// (the committed <c>openapi/*.json</c>, which the gateway serves at <c>/openapi/{name}.json</c> on the same listener).
/// Everything it loads comes from the gateway itself: no CDN fonts, no telemetry, no proxy.
/// </summary>
public static class ApiReferencePage
{
    public const string Route = "/docs";

    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapScalarApiReference(Route, (options, http) =>
        {
            var listener = ListenerConnectionTag.Of(http) ?? ApiListener.External;
            options.Title = listener == ApiListener.External ? "ControlPlane external API" : "ControlPlane internal API";
            options.DefaultFonts = false;
            options.Telemetry = false;
            options.DefaultOpenAllTags = true; // every route on one page, findable with the browser's search
            foreach (var document in DocumentsOf(listener))
            {
                options.AddDocument(document.Name, $"{document.Title} v{document.Version}", document.Route);
            }
        }).ExcludeFromDescription();
    }

    /// <summary>The documents a listener's page shows, newest version first (the page opens the first).</summary>
    public static IReadOnlyList<ApiDocument> DocumentsOf(ApiListener listener) =>
        [.. ApiDocument.Published.Where(d => d.Listener == listener).OrderByDescending(d => d.Version)];
}
