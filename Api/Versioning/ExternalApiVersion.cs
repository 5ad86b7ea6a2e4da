using System.Globalization;
using ControlPlane.Api.Problems;

namespace ControlPlane.Api.Versioning;

/// <summary>
/// The external HTTP API's versions, picked per request by the <c>api-version</c> header like the internal API's (semver
/// <c>2.0.0</c> or the integer <c>2</c>); no header is version 1, the API before versioning. Version 2 paginates the
/// lists (<see cref="Routing.Paging.PageRequest"/>). Read by the routes whose answer differs between versions.
/// </summary>
public static class ExternalApiVersion
{
    public const string HeaderName = "api-version";

    /// <summary>Version 1: lists answer <c>{"items": [...]}</c> with every item.</summary>
    public const int V1 = 1;

    /// <summary>Version 2: lists take <c>limit</c> and <c>page_token</c> and answer <c>{"items", "next_page"}</c>.</summary>
    public const int V2 = 2;

    public const int Oldest = V1;

    public const int Latest = V2;

    /// <summary>The semver spelling of a version (<c>2.0.0</c>).</summary>
    public static string Semver(int version) => $"{version.ToString(CultureInfo.InvariantCulture)}.0.0";

    /// <summary>Parses the header (absent: version 1), echoing it on the response; a 400 naming the supported versions otherwise.</summary>
    public static int Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var values = context.Request.Headers[HeaderName];
        var version = values.Count == 0 ? Oldest
            : values.Count == 1 && InternalApiVersion.TryParseMajor(values[0], Oldest, Latest, out var parsed) ? parsed
            : throw Unsupported();
        context.Response.Headers[HeaderName] = version.ToString(CultureInfo.InvariantCulture);
        return version;
    }

    private static ApiProblemException Unsupported() => new(new ApiProblem
    {
        Status = StatusCodes.Status400BadRequest,
        ErrorCode = ErrorCodes.UnsupportedApiVersion,
        Title = "Unsupported API version",
        Detail = $"Header '{HeaderName}' must name one supported external API version: "
            + string.Join(", ", Enumerable.Range(Oldest, Latest - Oldest + 1).Select(v => $"{Semver(v)} ({v})")) + ".",
        Extensions = new Dictionary<string, object?>
        {
            ["supported_versions"] = Enumerable.Range(Oldest, Latest - Oldest + 1).ToArray(),
            ["supported_semver"] = Enumerable.Range(Oldest, Latest - Oldest + 1).Select(Semver).ToArray(),
        },
    });
}
