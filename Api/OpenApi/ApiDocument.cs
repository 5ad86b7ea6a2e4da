using ControlPlane.Api.Listeners;

namespace ControlPlane.Api.OpenApi;

/// <summary>One published OpenAPI document: the routes of one listener as they exist in one API version.</summary>
public sealed record ApiDocument(string Name, ApiListener Listener, int Version, string Title)
{
    /// <summary>Every published document. Add new versions here; never change what a published one describes.</summary>
    public static IReadOnlyList<ApiDocument> Published { get; } =
    [
        new("external-v1", ApiListener.External, 1, "ControlPlane external API"),
        new("external-v2", ApiListener.External, 2, "ControlPlane external API"),
        new("internal-v1", ApiListener.Internal, 1, "ControlPlane internal API"),
        new("internal-v2", ApiListener.Internal, 2, "ControlPlane internal API"),
    ];

    /// <summary>Where the gateway serves the document.</summary>
    public string Route => $"/openapi/{Name}.json";
}
