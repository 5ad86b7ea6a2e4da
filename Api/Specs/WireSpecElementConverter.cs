using System.Text.Json;
using System.Text.Json.Serialization;

namespace ControlPlane.Api.Specs;

/// <summary>
/// Reads a wire spec's JSON value as it is, duplicate keys included. The gateway's contract rejects duplicates before
/// a handler runs, with a generic error on <c>$</c>; a spec must instead reach the wire spec reader, which rejects a
/// duplicate as <c>duplicate_key</c> at the key's own path.
/// </summary>
public sealed class WireSpecElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // JsonElement.ParseValue keeps duplicate keys (JsonDocumentOptions' default), whatever the serializer options say.
        return JsonElement.ParseValue(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        value.WriteTo(writer);
    }
}

/// <summary><see cref="WireSpecElementConverter"/> for an optional spec member.</summary>
public sealed class NullableWireSpecElementConverter : JsonConverter<JsonElement?>
{
    private static readonly WireSpecElementConverter Element = new();

    public override bool HandleNull => false;

    public override JsonElement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Element.Read(ref reader, typeof(JsonElement), options);

    public override void Write(Utf8JsonWriter writer, JsonElement? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } element)
        {
            element.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
