using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ControlPlane.Grains.Abstractions.Json;

/// <summary>
/// Writes and reads an enum as its exact snake_case name (<c>in_progress</c>), refusing numbers, other casings
/// and padding (as serde does), so the wire shape does not depend on whichever serializer handles it.
/// </summary>
public sealed class SnakeCaseEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && Values.TryGetValue(name, out var value))
        {
            return value;
        }

        throw new JsonException($"Expected one of {string.Join(", ", Values.Keys)} for {typeof(TEnum).Name}.");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Names.TryGetValue(value, out var name) ? name : throw new JsonException($"{value} is not a defined {typeof(TEnum).Name}."));
    }
}
