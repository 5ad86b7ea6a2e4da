using Microsoft.AspNetCore.Connections.Features;

namespace ControlPlane.Api.Listeners;

/// <summary>
/// Which listener accepted a connection. Kestrel connection middleware stores it in the connection's items
/// when the connection is accepted, so it is known even for listeners bound to port 0.
/// </summary>
public static class ListenerConnectionTag
{
    private const string ItemKey = "ControlPlane.Api.Listener";

    internal static void Tag(IDictionary<object, object?> connectionItems, ApiListener listener) => connectionItems[ItemKey] = listener;

    /// <summary>The listener that accepted this request's connection; null when the server did not tag it (in-memory test servers).</summary>
    public static ApiListener? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        return items is not null && items.TryGetValue(ItemKey, out var value) && value is ApiListener listener ? listener : null;
    }
}
