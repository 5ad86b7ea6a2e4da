using System.Text.Json;
using System.Text.Json.Serialization;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>A generation is a bare JSON number on the wire (<c>"gen": 4</c>), as in Omicron.</summary>
public sealed class GenerationJsonConverter : JsonConverter<Generation>
{
    public override Generation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value) || value < 1)
        {
            throw new JsonException("A generation is an integer of at least 1.");
        }

        return new Generation(value);
    }

    public override void Write(Utf8JsonWriter writer, Generation value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.Value);
    }
}
