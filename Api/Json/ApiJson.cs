using System.Text.Json;
using System.Text.Json.Serialization;

namespace ControlPlane.Api.Json;

/// <summary>
/// The gateway's JSON contract: snake_case names and enum values, unknown fields and duplicate properties
/// rejected, numbers only as numbers, nullable annotations and required members honoured. Request bodies are checked
/// against it by <see cref="JsonBodyCheck"/> before the framework deserializes them.
/// </summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        // Members are unordered in JSON (serde reads internally tagged enums so too): a discriminator need not come first.
        options.AllowOutOfOrderMetadataProperties = true;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }
}
