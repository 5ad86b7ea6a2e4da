using System.Diagnostics;

namespace ControlPlane.Api.Problems;

/// <summary>
/// Dropshot's per-request id: the <c>request_id</c> of every problem document and the <c>x-request-id</c> response
/// header. It is the W3C trace id of the request's activity when one exists (so a log search by trace finds the
/// request), else a fresh UUID. Chosen once per request.
/// </summary>
public static class RequestId
{
    public const string HeaderName = "x-request-id";

    private const string ItemKey = "ControlPlane.Api.RequestId";

    /// <summary>The request's id, chosen on first use.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var value) && value is string id)
        {
            return id;
        }

        var chosen = Activity.Current is { } activity && activity.TraceId != default
            ? activity.TraceId.ToHexString()
            : Guid.NewGuid().ToString();
        context.Items[ItemKey] = chosen;
        return chosen;
    }
}
