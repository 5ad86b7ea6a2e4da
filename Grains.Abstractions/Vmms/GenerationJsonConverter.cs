using System.Text.Json;
using System.Text.Json.Serialization;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>A generation is a bare JSON integer on the wire (<c>"gen": 4</c>), 0 through i64::MAX, as in Omicron.</summary>
public sealed class GenerationJsonConverter : JsonConverter<Generation>
{
    public override Generation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value) || value < 0)
        {
            throw new JsonException("A generation is an integer from 0 to 9223372036854775807.");
        }

        return new Generation(value);
    }

    public override void Write(Utf8JsonWriter writer, Generation value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.Value);
    }
}
