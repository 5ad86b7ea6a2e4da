using System.Text.Json;
using System.Text.Json.Serialization;

namespace ControlPlane.Runtime.Serialization;

/// <summary>A grain id is JSON text in its "type/key" form, in messages and in stored state alike.</summary>
public sealed class GrainIdJsonConverter : JsonConverter<GrainId>
{
    public override GrainId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("A grain id must be a string 'type/key'.");
        try
        {
            return GrainId.Parse(text);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, GrainId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
