using System.Globalization;
using ControlPlane.Api.Problems;
using ControlPlane.Grains.Abstractions.Specs.Json;

namespace ControlPlane.Api.Specs;

/// <summary>
/// Which Propolis API version a wire spec in a request speaks, the way Propolis and Omicron say it: a version header
/// beside the body, never a field in it. The header is <c>propolis-api-version</c> (Omicron's semver form <c>6.0.0</c>, or
/// <c>6</c>); it names the peer's version, not this API's, hence its own name. Absent means 5, the shape every client
/// used before version 6 made <c>nvme_disk.has_write_cache</c> required. Responses carrying a spec use the same version
/// and echo the header.
/// </summary>
public static class PropolisApiVersion
{
    public const string HeaderName = "propolis-api-version";

    /// <summary>The version of this request's spec; a 400 naming the supported versions when the header names none of them.</summary>
    public static int Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var values = context.Request.Headers[HeaderName];
        var version = values.Count switch
        {
            0 => WireSpecJson.DefaultApiVersion,
            1 when TryParse(values[0], out var parsed) => parsed,
            _ => throw new ApiProblemException(new ApiProblem
            {
                Status = StatusCodes.Status400BadRequest,
                ErrorCode = ErrorCodes.UnsupportedApiVersion,
                Title = "Unsupported API version",
                Detail = $"Header '{HeaderName}' must name one Propolis API version with an instance spec: {Supported}.",
                Extensions = new Dictionary<string, object?> { ["supported_versions"] = Enumerable.Range(1, WireSpecJson.LatestApiVersion).ToArray() },
            }),
        };
        context.Response.Headers[HeaderName] = $"{version.ToString(CultureInfo.InvariantCulture)}.0.0";
        return version;
    }

    private static string Supported => string.Join(", ", Enumerable.Range(1, WireSpecJson.LatestApiVersion).Select(v => $"{v}.0.0 ({v})"));

    private static bool TryParse(string? value, out int version)
    {
        version = 0;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var major = value.EndsWith(".0.0", StringComparison.Ordinal) ? value[..^4] : value;
        if (major.Length is 0 or > 2 || !major.All(char.IsAsciiDigit) || (major.Length > 1 && major[0] == '0'))
        {
            return false;
        }

        var parsed = int.Parse(major, NumberStyles.None, CultureInfo.InvariantCulture);
        if (!WireSpecJson.IsKnownApiVersion(parsed))
        {
            return false;
        }

        version = parsed;
        return true;
    }
}
