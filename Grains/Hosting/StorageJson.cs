using System.Text.Json;
using System.Text.Json.Serialization;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// How grain state is written by the System.Text.Json storage serializer: the project's snake_case names, enums as
/// snake_case strings, so a PostgreSQL row reads like the API and survives a class rename. Unlike the API's strict
/// contract (Api/Json/ApiJson) it ignores unknown fields, so a row written by a newer or older build still loads.
/// </summary>
public static class StorageJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }
}
