using System.Globalization;
using ControlPlane.Api.Problems;

namespace ControlPlane.Api.Versioning;

/// <summary>
/// The internal API's versions, picked per request by the <c>api-version</c> header (an integer). A request
/// without the header is version 1: the API as it was before versioning, so old sled agents keep working.
/// </summary>
public static class InternalApiVersion
{
    public const string HeaderName = "api-version";

    public const int Oldest = 1;

    /// <summary>Version 2 removed the legacy <c>PUT /vmms/{vmm_id}</c> upcall.</summary>
    public const int Latest = 2;

    private const string ItemKey = "ControlPlane.Api.InternalApiVersion";

    /// <summary>The version of this request (set by <see cref="InternalApiVersionMiddleware"/>).</summary>
    public static int Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var value) && value is int version ? version : Oldest;
    }

    internal static void Set(HttpContext context, int version) => context.Items[ItemKey] = version;

    /// <summary>Parses the header; a problem document when it is not a published version.</summary>
    public static int Parse(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers[HeaderName];
        if (values.Count == 0)
        {
            return Oldest;
        }

        if (values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version is >= Oldest and <= Latest)
        {
            return version;
        }

        throw new ApiProblemException(new ApiProblem
        {
            Status = StatusCodes.Status400BadRequest,
            ErrorCode = ErrorCodes.UnsupportedApiVersion,
            Title = "Unsupported API version",
            Detail = $"Header '{HeaderName}' must be one integer from {Oldest} to {Latest}.",
            Extensions = new Dictionary<string, object?> { ["supported_versions"] = Enumerable.Range(Oldest, Latest - Oldest + 1).ToArray() },
        });
    }
}
