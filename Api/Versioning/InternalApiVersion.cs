using System.Globalization;
using ControlPlane.Api.Problems;
using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Api.Versioning;

/// <summary>
/// The internal HTTP API's versions, picked per request by the <c>api-version</c> header: Omicron's semver form
/// (<c>1.0.0</c>, what progenitor clients send) or a bare integer (<c>1</c>). A request without the header is
/// version 1: the API as it was before versioning, so old sled agents keep working. This number is the HTTP
/// API's; the grain-call version of the sled state read (<see cref="SledVmmApiVersion"/>) is another one, mapped
/// by <see cref="SledStateVersionOf"/>.
/// </summary>
public static class InternalApiVersion
{
    public const string HeaderName = "api-version";

    /// <summary>Version 1: the doorbell, the legacy <c>PUT /vmms/{vmm_id}</c> upcall, the v1 sled state.</summary>
    public const int V1 = 1;

    /// <summary>Version 2 removed the legacy upcall; the sled state read adds <c>failure_reason</c>.</summary>
    public const int V2 = 2;

    public const int Oldest = V1;

    public const int Latest = V2;

    private const string ItemKey = "ControlPlane.Api.InternalApiVersion";

    /// <summary>Every version in both spellings, for error messages and the OpenAPI documents.</summary>
    public static string Supported => string.Join(", ", Enumerable.Range(Oldest, Latest - Oldest + 1).Select(v => $"{Semver(v)} ({v})"));

    /// <summary>The semver spelling of a version (<c>2.0.0</c>), as Omicron names its documents.</summary>
    public static string Semver(int version) => $"{version.ToString(CultureInfo.InvariantCulture)}.0.0";

    /// <summary>The version of the sled-state grain call that serves a request of this HTTP API version.</summary>
    public static int SledStateVersionOf(int apiVersion) => apiVersion switch
    {
        V1 => SledVmmApiVersion.V1,
        V2 => SledVmmApiVersion.V2,
        _ => throw new ArgumentOutOfRangeException(nameof(apiVersion), apiVersion, "not an internal API version"),
    };

    /// <summary>The version of this request (set by <see cref="InternalApiVersionMiddleware"/>).</summary>
    public static int Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var value) && value is int version ? version : Oldest;
    }

    internal static void Set(HttpContext context, int version) => context.Items[ItemKey] = version;

    /// <summary>Parses the header; a 400 problem document naming the supported versions when it is not one of them.</summary>
    public static int Parse(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers[HeaderName];
        if (values.Count == 0)
        {
            return Oldest;
        }

        if (values.Count == 1 && TryParse(values[0], out var version))
        {
            return version;
        }

        throw new ApiProblemException(new ApiProblem
        {
            Status = StatusCodes.Status400BadRequest,
            ErrorCode = ErrorCodes.UnsupportedApiVersion,
            Title = "Unsupported API version",
            Detail = $"Header '{HeaderName}' must name one supported version: {Supported}.",
            Extensions = new Dictionary<string, object?>
            {
                ["supported_versions"] = Enumerable.Range(Oldest, Latest - Oldest + 1).ToArray(),
                ["supported_semver"] = Enumerable.Range(Oldest, Latest - Oldest + 1).Select(Semver).ToArray(),
            },
        });
    }

    /// <summary>
    /// <c>N</c> or <c>N.0.0</c> for a published N. Other semver values (<c>1.1.0</c>, <c>2.0.1</c>) name documents this
    /// server never published, so they are refused rather than rounded.
    /// </summary>
    public static bool TryParse(string? value, out int version) => TryParseMajor(value, Oldest, Latest, out version);

    /// <summary><c>N</c> or <c>N.0.0</c> with N in [<paramref name="oldest"/>, <paramref name="latest"/>] (shared with the external API's header).</summary>
    internal static bool TryParseMajor(string? value, int oldest, int latest, out int version)
    {
        version = 0;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var major = value.EndsWith(".0.0", StringComparison.Ordinal) ? value[..^4] : value;
        if (major.Length is 0 or > 9 || !major.All(char.IsAsciiDigit) || (major.Length > 1 && major[0] == '0'))
        {
            return false;
        }

        var parsed = int.Parse(major, NumberStyles.None, CultureInfo.InvariantCulture);
        if (parsed < oldest || parsed > latest)
        {
            return false;
        }

        version = parsed;
        return true;
    }
}
