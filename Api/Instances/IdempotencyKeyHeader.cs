using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ControlPlane.Api.Json;
using ControlPlane.Api.Problems;
using Microsoft.Extensions.Primitives;

namespace ControlPlane.Api.Instances;

/// <summary>
/// The <c>Idempotency-Key</c> request header (IETF httpapi draft): parsed once into a key (an sf-string,
/// <c>"..."</c>; a bare token is accepted too), and the fingerprint a key is bound to: a hash of the parsed request, so
/// whitespace and key order do not matter but any value does.
/// </summary>
public static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    /// <summary>Longest key accepted (the draft sets none; Stripe's is 255).</summary>
    public const int MaxLength = 255;

    private static readonly JsonSerializerOptions Canonical = CreateCanonical();

    /// <summary>The key, or null when the header is absent; a malformed one is 400 <c>invalid_header</c>.</summary>
    public static string? Parse(StringValues values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var raw = values.Count == 1 ? values[0]!.Trim() : throw Invalid("it must be sent once");
        var key = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1] : raw;
        if (key.Length is 0 or > MaxLength)
        {
            throw Invalid($"it must be 1-{MaxLength} characters");
        }

        return key.All(c => c is >= ' ' and <= '~' and not '"' and not '\\') ? key : throw Invalid("it must be printable ASCII without quotes or backslashes");
    }

    /// <summary>SHA-256 of the request as the API reads it, in hex.</summary>
    public static string Fingerprint(CreateInstanceRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, Canonical))));

    /// <summary>422: the key was first used with another body; nothing was created.</summary>
    public static ApiProblemException Reused() => new(new ApiProblem
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        ErrorCode = ErrorCodes.IdempotencyKeyReused,
        Title = "Idempotency key reused",
        Detail = $"The {Name} was already used for a different request; send a new key for a new request.",
        Extensions = new Dictionary<string, object?> { ["header"] = Name },
    });

    private static ApiProblemException Invalid(string why) => new(new ApiProblem
    {
        Status = StatusCodes.Status400BadRequest,
        ErrorCode = ErrorCodes.InvalidHeader,
        Title = "Invalid header",
        Detail = $"Header '{Name}' is invalid: {why}.",
        Extensions = new Dictionary<string, object?> { ["header"] = Name },
    });

    private static JsonSerializerOptions CreateCanonical()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        return options;
    }
}
